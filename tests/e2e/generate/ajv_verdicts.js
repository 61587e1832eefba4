// Prints ajv's verdict ("true" valid, "false" invalid) on each line of an NDJSON corpus,
// checked against a JSON Schema (draft 2020-12) exported by `flowhook generate --schema`.
// Usage: node ajv_verdicts.js SCHEMA CORPUS   (ajv and ajv-formats found through NODE_PATH)
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaPath, corpusPath] = process.argv.slice(2);
// strict: the schema must compile without a single warning, as other tools expect.
const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
const verdicts = [];
for (const line of fs.readFileSync(corpusPath, "utf8").split("\n")) {
  if (line.trim() === "") continue;
  verdicts.push(validate(JSON.parse(line)) ? "true" : "false");
}
process.stdout.write(verdicts.join("\n") + "\n");

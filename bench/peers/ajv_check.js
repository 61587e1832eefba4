// The Node.js peer of `flowhook validate` on NDJSON: ajv with the schema compiled once (the one
// `flowhook generate --schema` exports), every line parsed with JSON.parse and validated.
//
// Usage: node ajv_check.js SCHEMA FILE
// Prints "lines N valid N invalid N events/s X" on stdout; exit 0 when every line is valid.
// Needs ajv and ajv-formats on NODE_PATH (bench/run installs them under build/bench/npm).
'use strict';
const fs = require('fs');
const { StringDecoder } = require('string_decoder');

const [schemaFile, file] = process.argv.slice(2);
if (!schemaFile || !file) {
  console.error('usage: node ajv_check.js SCHEMA FILE');
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
// The draft the schema declares decides which Ajv class can compile it.
const draft = String(schema.$schema || '');
const Ajv = draft.includes('2020-12') ? require('ajv/dist/2020')
  : draft.includes('2019-09') ? require('ajv/dist/2019') : require('ajv');
const ajv = new (Ajv.default || Ajv)({ strict: false });
require('ajv-formats')(ajv);
const validate = ajv.compile(schema);

let lines = 0, valid = 0;
function check(line) {
  if (line.length === 0) return;
  lines++;
  try {
    if (validate(JSON.parse(line))) valid++;
  } catch {
    // not JSON: invalid
  }
}

const started = process.hrtime.bigint();
const fd = fs.openSync(file, 'r');
const buffer = Buffer.allocUnsafe(1 << 20);
const decoder = new StringDecoder('utf8');
let carry = '';
for (let got; (got = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
  const text = carry + decoder.write(buffer.subarray(0, got));
  let start = 0;
  for (let newline; (newline = text.indexOf('\n', start)) !== -1; start = newline + 1) {
    check(text.slice(start, newline));
  }
  carry = text.slice(start);
}
check(carry + decoder.end());
fs.closeSync(fd);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`lines ${lines} valid ${valid} invalid ${lines - valid} events/s ${(lines / seconds).toFixed(0)}`);
process.exitCode = valid === lines ? 0 : 1;

#!/usr/bin/python3
"""Prints Python jsonschema's verdict ("true" valid, "false" invalid) on each line of an NDJSON
corpus, checked against a JSON Schema (draft 2020-12) exported by `flowhook generate --schema`:
the second peer validator, independent of ajv (another language, another JSON parser).

Usage: /usr/bin/python3 jsonschema_verdicts.py SCHEMA CORPUS
Run with Debian's python3 so that Debian's python3-jsonschema is the one imported. Formats are
checked (as ajv-formats does), with the schema itself checked first against its metaschema.

One limitation of the peer is worked around, narrowly: jsonschema checks "format": "date" with
Python's datetime.date, which has no year 0, so it rejects 0000-01-01, which RFC 3339 (full-date
= 4DIGIT "-" 2DIGIT "-" 2DIGIT), ajv-formats and flowhook accept. A date in the year 0000 is
checked by jsonschema's own checker as the same day in the year 2000, which has the same leap
day (both are divisible by 400); every other date is jsonschema's alone."""
import json
import sys

import jsonschema

schema_path, corpus_path = sys.argv[1:]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
validator_class = jsonschema.validators.validator_for(schema)
if validator_class is not jsonschema.Draft202012Validator:
    sys.exit(f"the schema does not declare draft 2020-12: {schema.get('$schema')}")
validator_class.check_schema(schema)
format_checker = jsonschema.FormatChecker()
own_date_check, own_date_raises = format_checker.checkers["date"]


@format_checker.checks("date", raises=own_date_raises)
def date_with_year_zero(instance):
    if isinstance(instance, str) and instance.startswith("0000-"):
        instance = "2000-" + instance[5:]
    return own_date_check(instance)


validator = validator_class(schema, format_checker=format_checker)
with open(corpus_path, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            print("true" if validator.is_valid(json.loads(line)) else "false")

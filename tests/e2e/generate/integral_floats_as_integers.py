#!/usr/bin/env python3
"""Rewrites every number of each NDJSON payload that has an integral value but is written as a
float (7123.0, 7.123e3, -0.0) as an integer (7123, 0), for the differential test: a payload on
which a JSON Schema validator and flowhook validate disagree is the documented exception exactly
when flowhook accepts it once so rewritten.

Usage: integral_floats_as_integers.py < payloads.ndjson > rewritten.ndjson
Exits 1, naming the line, when a payload holds no integral float: its disagreement is not the
documented exception."""
import decimal
import json
import sys


def rewrite(value, found):
    if isinstance(value, decimal.Decimal):
        if value == value.to_integral_value():
            found.append(value)
            return int(value)
        return value
    if isinstance(value, dict):
        return {k: rewrite(v, found) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite(v, found) for v in value]
    return value


class DecimalEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, decimal.Decimal):
            return float(o)
        return super().default(o)


status = 0
for number, line in enumerate(sys.stdin, 1):
    found = []
    payload = rewrite(json.loads(line, parse_float=decimal.Decimal), found)
    if not found:
        print(f"line {number} holds no integral float: {line.strip()[:300]}", file=sys.stderr)
        status = 1
    print(json.dumps(payload, cls=DecimalEncoder))
sys.exit(status)

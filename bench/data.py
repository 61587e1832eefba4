#!/usr/bin/env python3
"""Data for bench/run that flowhook cannot make yet, derived from the documented example
payloads (tests/fixtures/documented), so that no action or field is listed here.

  data.py ndjson FIXTURES COUNT SEED OUTPUT   random compact payloads, one per line (the
                                              fallback while `flowhook generate` is missing)
  data.py schema FIXTURES OUTPUT              a JSON Schema equivalent to the examples (the
                                              fallback while `flowhook generate --schema` is
                                              missing); written under build/bench only
  data.py rules SCHEMA FIXTURES OUTPUT        the rules of the bare RapidJSON loop, one line per
                                              action spelling: "ACTION ref ... =stringfield ...",
                                              from SCHEMA, or from FIXTURES when SCHEMA has none
  data.py padded PAYLOAD BYTES OUTPUT         PAYLOAD grown to exactly BYTES (compact) with a
                                              list of order lines, for the body-size rows
"""
import json
import pathlib
import random
import string
import sys


def examples(fixtures):
    """Every documented example payload, in file order."""
    return [json.loads(path.read_text()) for path in sorted(pathlib.Path(fixtures).glob("*.json"))]


def random_uid(rng):
    kind = rng.randrange(3)
    if kind == 0:
        return str(rng.randrange(1, 10**9))
    if kind == 1:
        return "-".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 8)))
                        for _ in range(rng.randint(1, 3)))
    return "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                          rng.getrandbits(12), 0x8000 | rng.getrandbits(14),
                                          rng.getrandbits(48))


def randomised(example, rng):
    payload = {}
    for key, value in example.items():
        if isinstance(value, dict):
            payload[key] = {"Id": rng.randrange(1, 2**31), "Uid": random_uid(rng)}
        elif key == "action":
            payload[key] = value
        else:  # the only other documented field is a calendar date
            payload[key] = "%04d-%02d-%02d" % (rng.randint(2015, 2030), rng.randint(1, 12),
                                               rng.randint(1, 28))
    return payload


def write_ndjson(fixtures, count, seed, output):
    rng = random.Random(seed)
    shapes = examples(fixtures)
    with open(output, "w") as out:
        for _ in range(count):
            out.write(json.dumps(randomised(rng.choice(shapes), rng), separators=(",", ":")))
            out.write("\n")


def write_schema(fixtures, output):
    reference = {"type": "object", "required": ["Id", "Uid"],
                 "properties": {"Id": {"type": "integer", "minimum": 0},
                                "Uid": {"type": "string", "minLength": 1}}}
    date = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    branches = []
    for example in examples(fixtures):
        fields = [key for key in example if key != "action"]
        branches.append({
            "if": {"properties": {"action": {"const": example["action"]}}},
            "then": {"required": fields,
                     "properties": {key: ({"$ref": "#/$defs/reference"}
                                          if isinstance(example[key], dict) else date)
                                    for key in fields}}})
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$defs": {"reference": reference},
              "type": "object", "required": ["action"],
              "properties": {"action": {"enum": sorted({e["action"] for e in examples(fixtures)})}},
              "allOf": branches}
    pathlib.Path(output).write_text(json.dumps(schema, indent=1) + "\n")


def resolve(node, root):
    """`node` with its local $ref (#/...) followed, as a dict."""
    for _ in range(16):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not (isinstance(ref, str) and ref.startswith("#/")):
            break
        node = root
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


def action_names(node):
    action = node.get("properties", {}).get("action", {}) if isinstance(node, dict) else {}
    if "const" in action:
        return [action["const"]]
    return list(action.get("enum", [])) if isinstance(action.get("enum"), list) else []


def rules_from_schema(schema):
    """(action, required fields, properties) for every branch that names its actions."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            names = action_names(node)
            if names and isinstance(node.get("required"), list) and len(node["required"]) > 1:
                found.extend((name, node["required"], node.get("properties", {})) for name in names)
            elif isinstance(node.get("if"), dict) and isinstance(node.get("then"), dict):
                then = resolve(node["then"], schema)
                found.extend((name, then.get("required", []), then.get("properties", {}))
                             for name in action_names(node["if"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    rules = {}
    for name, required, properties in found:
        tokens = []
        for field in required:
            if field == "action":
                continue
            kind = resolve(properties.get(field, {}), schema).get("type")
            tokens.append("=" + field if kind == "string" else field)
        if len(tokens) > len(rules.get(name, [])):  # the branch that says most wins
            rules[name] = tokens
    return rules


def write_rules(schema_file, fixtures, output):
    rules = {}
    if schema_file and pathlib.Path(schema_file).is_file():
        rules = rules_from_schema(json.loads(pathlib.Path(schema_file).read_text()))
    if not any(rules.values()):
        for example in examples(fixtures):
            rules[example["action"]] = [key if isinstance(value, dict) else "=" + key
                                        for key, value in example.items() if key != "action"]
    with open(output, "w") as out:
        for name, tokens in rules.items():
            out.write(" ".join([name] + tokens) + "\n")


def write_padded(payload_file, size, output):
    payload = json.loads(pathlib.Path(payload_file).read_text())
    compact = lambda value: json.dumps(value, separators=(",", ":"))
    payload["lines"] = []
    payload["note"] = ""
    length = len(compact(payload))
    while True:
        line = {"sku": "SKU-%06d" % len(payload["lines"]), "name": "a product of the benchmark",
                "quantity": 1, "price": "19.90"}
        grown = len(compact(line)) + (1 if payload["lines"] else 0)
        if length + grown + 64 > size:
            break
        payload["lines"].append(line)
        length += grown
    payload["note"] = "x" * (size - length)
    text = compact(payload)
    assert len(text) == size, (len(text), size)
    pathlib.Path(output).write_text(text + "\n")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "ndjson":
        write_ndjson(args[0], int(args[1]), int(args[2]), args[3])
    elif command == "schema":
        write_schema(args[0], args[1])
    elif command == "rules":
        write_rules(args[0], args[1], args[2])
    elif command == "padded":
        write_padded(args[0], int(args[1]), args[2])
    else:
        sys.exit(__doc__)

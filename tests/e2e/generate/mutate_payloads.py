#!/usr/bin/env python3
"""Makes invalid (and a few tricky valid) payloads from valid ones, for the corpus on which
flowhook validate and a peer JSON Schema validator must agree.

Usage: mutate_payloads.py SEED < valid.ndjson > mutants.ndjson
Each input payload yields itself and two mutants. The mutations stay within what JSON means
the same to every parser: no duplicate keys, no integers beyond 2^53 (a JavaScript validator
reads those as other numbers). One of them writes an Id as an integral float (7123.0, 7.123e3,
-0.0): the one documented difference, which JSON Schema counts as an integer and flowhook
validate rejects; the differential test checks that it is the only one."""
import json
import random
import re
import sys

rng = random.Random(int(sys.argv[1]))


def fields(p):
    return [k for k in p if k != "action"]


def references(p):
    return [k for k in p if isinstance(p[k], dict)]


def drop_reference(p):
    del p[rng.choice(fields(p))]


def reference_type(p):
    p[rng.choice(references(p))] = rng.choice(["7", 7, None, [], True, [{"Id": 1, "Uid": "1"}]])


def id_value(p):
    p[rng.choice(references(p))]["Id"] = rng.choice(
        ["7", None, -1, 7.5, True, [], {}, 0, 9007199254740991, -9007199254740991])


# Number texts written in place of a string "\0NUMBER:<text>", since json.dumps writes a float
# its own way (7123.0, 1e+20) and could not write 7.123e3 or 7123.000.
RAW = "\0NUMBER:"


def integral_float_id(p):
    reference = p[rng.choice(references(p))]
    reference["Id"] = RAW + rng.choice([
        f"{reference['Id']}.0", "7123.0", "0.0", "-0.0", "7.123e3", "7123.000", "1E3", "7123e0",
        "1.0e2", "9007199254740990.0",
        "1e20",  # beyond 2^63: every validator rejects it
        "7.5e-1",  # not integral: every validator rejects it
    ])


def dumps(payload):
    text = json.dumps(payload)
    return re.sub('"\\\\u0000NUMBER:([^"]*)"', r"\1", text)


def uid_value(p):
    p[rng.choice(references(p))]["Uid"] = rng.choice([7, "", None, [], False, "ø", " "])


def drop_member(p):
    del p[rng.choice(references(p))][rng.choice(["Id", "Uid"])]


def date_value(p):
    if "date" not in p:
        return drop_reference(p)
    p["date"] = rng.choice(["2022-02-30", "2021-02-29", "2024-02-29", "2022-13-01", "2022-00-10",
                            "2022-10-00", "22-10-18", "2022/10/18", "2022-10-1", " 2022-10-18",
                            "2022-10-18T00:00:00", "2022-10-18\n", "", 20221018, None,
                            "1900-02-29", "2000-02-29", "0000-01-01", "२०२२-१०-१८"])


def action_value(p):
    name = p["action"]
    i = rng.randrange(len(name))
    p["action"] = rng.choice([name[:i] + "X" + name[i + 1:], name.lower(), name + "_V2", "",
                              7, None, ["ORDER_SETTLED"], name[:i] + name[i + 1:]])


def drop_action(p):
    del p["action"]


def unknown_field(p):
    where = rng.choice(["top", "top", "reference", "other-reference"])
    if where == "top":
        p[rng.choice(["note", "Id", "extra", "Tenant"])] = rng.choice(["x", 1, None, {"a": 1}])
    elif where == "reference":
        p[rng.choice(references(p))][rng.choice(["Name", "id", "uid"])] = "x"
    else:  # a reference this action does not carry
        other = rng.choice(["warehouse", "order", "customer", "till", "price"])
        if other not in p:
            p[other] = {"Id": 1, "Uid": "1"}


MUTATIONS = [drop_reference, reference_type, id_value, uid_value, drop_member, date_value,
             action_value, drop_action, unknown_field, unknown_field, integral_float_id]
NOT_OBJECTS = [[], 42, "ORDER_SETTLED", None, True, [{"action": "ORDER_SETTLED"}]]

for number, line in enumerate(sys.stdin):
    payload = json.loads(line)
    print(json.dumps(payload))
    for _ in range(2):
        mutant = json.loads(line)
        rng.choice(MUTATIONS)(mutant)
        print(dumps(mutant))
    if number % 100 == 99:
        print(json.dumps(rng.choice(NOT_OBJECTS)))

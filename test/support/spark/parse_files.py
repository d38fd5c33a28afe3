"""Reads YAML files as JSON and parses SQL files with sqlglot read='databricks'.

usage: parse_files.py FILE...
prints {"yaml": {path: value}, "sql": {path: {"kinds": [statement class...], "expectations": [...], "error": str|null}}}
sqlglot has no grammar for Lakeflow expectations, so `CONSTRAINT name EXPECT (cond) [ON VIOLATION action]` entries are
taken out of the statement (each condition parsed on its own as a SELECT) and the rest is parsed as usual.
"""

import json
import re
import sys

import sqlglot
import yaml

EXPECTATION = re.compile(r"CONSTRAINT\s+(\w+)\s+EXPECT\s*\((.*?)\)\s*(ON VIOLATION\s+(DROP ROW|FAIL UPDATE))?\s*(,|\n\))", re.S)


def parse_sql(text):
    expectations = []
    for m in EXPECTATION.finditer(text):
        expectations.append({"name": m.group(1), "condition": m.group(2), "action": m.group(4)})
        sqlglot.parse_one(f"SELECT {m.group(2)}", read="databricks")
    # The column list that held only expectations goes away with them.
    body = re.sub(r"\(\s*(CONSTRAINT\s+\w+\s+EXPECT\s*\(.*?\)\s*(ON VIOLATION\s+(DROP ROW|FAIL UPDATE))?\s*,?\s*)+\)", "", text, flags=re.S)
    kinds = [type(s).__name__ for s in sqlglot.parse(body, read="databricks") if s is not None]
    return {"kinds": kinds, "expectations": expectations, "error": None}


out = {"yaml": {}, "sql": {}}
for path in sys.argv[1:]:
    text = open(path).read()
    if path.endswith((".yml", ".yaml")):
        out["yaml"][path] = yaml.safe_load(text)
    else:
        try:
            out["sql"][path] = parse_sql(text)
        except Exception as exc:  # noqa: BLE001 - reported to the test
            out["sql"][path] = {"kinds": [], "expectations": [], "error": str(exc)[:400]}
print(json.dumps(out))

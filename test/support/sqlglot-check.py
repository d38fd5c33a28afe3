"""Static dialect check: parses a batch of statements as Databricks SQL with sqlglot, in one process.

stdin: a JSON list of {"label", "sql"}; stdout: a JSON list of {"label", "ok", "error", "unknownFunctions", "statements"}.
A statement sqlglot cannot model and keeps only as an opaque Command counts as a failure.
"""

import json
import logging
import sys

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

logging.getLogger("sqlglot").setLevel(logging.ERROR)
results = []
for item in json.load(sys.stdin):
    try:
        trees = [t for t in sqlglot.parse(item["sql"], read="databricks", error_level=ErrorLevel.RAISE) if t is not None]
        opaque = [t for t in trees if isinstance(t, exp.Command)]
        if not trees:
            results.append({"label": item["label"], "ok": False, "error": "no statement"})
        elif opaque:
            results.append({"label": item["label"], "ok": False, "error": f"not modelled as Databricks SQL: {opaque[0].sql()[:120]}"})
        else:
            # Calls sqlglot does not know as a function of any dialect: the caller checks them against Databricks' list.
            anonymous = sorted({a.name.lower() for t in trees for a in t.find_all(exp.Anonymous)})
            results.append({"label": item["label"], "ok": True, "error": None, "unknownFunctions": anonymous, "statements": len(trees)})
    except Exception as e:  # noqa: BLE001 - every parse failure is reported with its statement's label
        results.append({"label": item["label"], "ok": False, "error": str(e).splitlines()[0][:300]})
json.dump(results, sys.stdout)

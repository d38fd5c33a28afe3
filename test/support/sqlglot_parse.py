"""Parses statements with sqlglot as Databricks SQL, in one process.

stdin: a JSON object {label: sql}; stdout: a JSON object {label: error} for each statement that
does not parse (empty when all do). Used by the tests' static dialect checks.
"""

import json
import sys

import sqlglot
from sqlglot.errors import ErrorLevel

failures = {}
for label, sql in json.load(sys.stdin).items():
    try:
        trees = sqlglot.parse(sql, read="databricks", error_level=ErrorLevel.RAISE)
        if len([t for t in trees if t is not None]) != 1:
            failures[label] = f"expected one statement, found {len(trees)}"
    except Exception as error:  # noqa: BLE001 - every parser failure is reported, not raised
        failures[label] = str(error).splitlines()[0]
json.dump(failures, sys.stdout)

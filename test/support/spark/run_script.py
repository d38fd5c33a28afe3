"""Runs a Databricks SQL script on local Apache Spark and dumps relations as JSON (a test stand-in for a SQL warehouse).

usage: run_script.py SPEC.json  where SPEC is
  {"tables": {name: parquet_path}, "script": path, "dump": [relation...], "out": path}
Each statement of the script is first parsed with sqlglot (read='databricks'), then run with spark.sql.
Tables are created over the Parquet files (so persistent views can read them); the session is UTC.
"""

import datetime
import decimal
import json
import os
import re
import sys
import tempfile
import time


def statements(script):
    """Splits on a ';' that ends a line (the scripts we generate end every statement so)."""
    parts = re.split(r";[ \t]*$", script, flags=re.M)
    out = []
    for part in parts:
        body = "\n".join(line for line in part.splitlines() if not line.strip().startswith("--")).strip()
        if body:
            out.append(part.strip())
    return out


def plain(value):
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") + (f".{value.microsecond:06d}".rstrip("0").rstrip(".") if value.microsecond else "")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def message(exc):
    """The Spark error class and message, not py4j's wrapper line."""
    java = getattr(exc, "java_exception", None)
    text = str(java.getMessage()) if java is not None else str(exc)
    return " ".join(text.split())[:600]


def main():
    spec = json.load(open(sys.argv[1]))
    import sqlglot

    script = open(spec["script"]).read()
    stmts = statements(script)
    parse_errors = []
    for stmt in stmts:
        try:
            sqlglot.parse_one(stmt, read="databricks")
        except Exception as exc:  # noqa: BLE001 - reported, not hidden
            parse_errors.append({"statement": stmt[:200], "error": str(exc)[:500]})

    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # loopback only, whoever calls this
    from pyspark.sql import SparkSession

    started = time.time()
    warehouse = tempfile.mkdtemp(prefix="medallion-spark-wh-")
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("medallion-gold-check")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false")
        # Small test data: one shuffle partition, and no whole-stage code generation, whose
        # compile time dominates tiny queries.
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.warehouse.dir", warehouse)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    for name, path in spec.get("tables", {}).items():
        spark.sql(f"CREATE TABLE {name} USING parquet OPTIONS (path '{path}')")
        spark.sql(f"CACHE TABLE {name}")
    timings = {"session": time.time() - started}
    errors = []
    for stmt in stmts:
        try:
            spark.sql(stmt)
        except Exception as exc:  # noqa: BLE001
            errors.append({"statement": stmt[:200], "error": message(exc)})
    dumps = {}
    for rel in spec.get("dump", []):
        try:
            df = spark.table(rel)
            t0 = time.time()
            rows = [[plain(v) for v in row] for row in df.collect()]
            timings[rel] = round(time.time() - t0, 2)
            dumps[rel] = {"columns": [{"name": f.name, "type": f.dataType.simpleString()} for f in df.schema.fields], "rows": rows}
        except Exception as exc:  # noqa: BLE001
            errors.append({"statement": f"SELECT * FROM {rel}", "error": message(exc)})
    result = {"statements": len(stmts), "parse_errors": parse_errors, "errors": errors, "relations": dumps, "seconds": time.time() - started, "timings": timings}
    json.dump(result, open(spec["out"], "w"))
    spark.stop()


if __name__ == "__main__":
    main()

"""Apache Spark SQL as the warehouse emulator's engine: one local-mode SparkSession for the whole test run.

Protocol: one JSON object per line on stdin, one per line on stdout, matched by "id".
  {"id", "op": "open", "session", "catalog", "schema"}      -> {"id", "ok"} (a Spark session of its own: current namespace)
  {"id", "op": "close", "session"}
  {"id", "op": "sql", "session", "sql", "named": {n: {type, value}}, "ordinal": [{type, value}]}
        -> {"id", "ok", "columns": [{name, type}], "data": [values per column], "rows"}  or  {"id", "error": {message, errorClass, sqlState}}
  {"id", "op": "meta", "session", "kind": catalogs|schemas|tables|columns, "catalog", "schema", "table", "column"}
  {"id", "op": "load", "table", "path"}                     -> a managed table from a Parquet file (TIMESTAMP_NTZ read as TIMESTAMP)
  {"id", "op": "cancel", "tag"}
Statements run on worker threads so a slow one does not block the others; stdout is written under a lock.
"""

import base64
import datetime
import decimal
import fnmatch
import json
import re
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
from pyspark.errors import PySparkException
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as ST

spark = (
    SparkSession.builder.master("local[2]")
    .appName("medallion-warehouse-emulator")
    .config("spark.ui.enabled", "false")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.sql.shuffle.partitions", "1")
    .config("spark.sql.adaptive.enabled", "false")
    .config("spark.default.parallelism", "2")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.ansi.enabled", "true")
    .config("spark.sql.warehouse.dir", sys.argv[1] if len(sys.argv) > 1 else "spark-warehouse")
    .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    # Thousands of rows, not billions: compiling generated code costs more than it saves.
    .config("spark.sql.codegen.wholeStage", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

sessions = {}
USE_CATALOG = re.compile(r"^\s*USE\s+CATALOG\s+(`[^`]+`|\w+)\s*;?\s*$", re.IGNORECASE)
out_lock = threading.Lock()
pool = ThreadPoolExecutor(max_workers=2)


def send(obj):
    line = json.dumps(obj)
    with out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def py_value(p):
    """A TSparkParameter ({type, value}) as the Python value spark.sql(args=...) binds with that type."""
    t = (p.get("type") or "").upper()
    v = p.get("value")
    if v is None or not t or t == "VOID":
        return None
    if t == "DATE":
        return datetime.date.fromisoformat(v[:10])
    if t in ("TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ"):
        ts = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
        return ts if ts.tzinfo else ts.replace(tzinfo=datetime.timezone.utc)
    if t in ("INT", "INTEGER", "SMALLINT", "TINYINT", "BIGINT"):
        return int(v)
    if t in ("DOUBLE", "FLOAT"):
        return F.lit(float(v))
    if t == "DECIMAL":
        return decimal.Decimal(v)
    if t == "BOOLEAN":
        return str(v).lower() == "true"
    return str(v)


def error_of(e):
    if isinstance(e, PySparkException):
        message = str(e)
        # Spark appends the analyzed plan after the position; a warehouse's message stops there.
        message = message.split("\n'")[0].split(";\n")[0].strip().rstrip(";")
        cls = e.getCondition() if hasattr(e, "getCondition") else e.getErrorClass()
        return {"message": message, "errorClass": cls, "sqlState": e.getSqlState()}
    return {"message": f"{type(e).__name__}: {e}", "errorClass": "INTERNAL_ERROR", "sqlState": "XX000"}


def column_values(arr: pa.ChunkedArray):
    """One Arrow column as JSON-safe values in the emulator's wire shapes (unscaled decimals, days, microseconds)."""
    t = arr.type
    if pa.types.is_date32(t):
        return arr.cast(pa.int32()).to_pylist()
    if pa.types.is_timestamp(t):
        return [None if v is None else str(v) for v in arr.cast(pa.int64()).to_pylist()]
    if pa.types.is_decimal(t):
        return [None if v is None else str(int(v.scaleb(t.scale))) for v in arr.to_pylist()]
    if pa.types.is_int64(t):
        return [None if v is None else str(v) for v in arr.to_pylist()]
    if pa.types.is_floating(t):
        return [None if v is None or v != v else v for v in arr.to_pylist()]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return [None if v is None else base64.b64encode(v).decode("ascii") for v in arr.to_pylist()]
    if pa.types.is_nested(t):
        return [None if v is None else json.dumps(plain(v), default=str) for v in arr.to_pylist()]
    return arr.to_pylist()


def plain(v):
    if isinstance(v, list):
        if v and all(isinstance(x, tuple) and len(x) == 2 for x in v):
            return {str(k): plain(x) for k, x in v}
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, decimal.Decimal):
        return float(v)
    return v


def table_reply(table: pa.Table, types):
    columns = [{"name": f.name, "type": types[i]} for i, f in enumerate(table.schema)]
    return {"ok": True, "columns": columns, "data": [column_values(table.column(i)) for i in range(table.num_columns)], "rows": table.num_rows}


def spark_type_name(dt):
    if isinstance(dt, ST.NullType):
        return "VOID"
    if isinstance(dt, ST.TimestampNTZType):
        return "TIMESTAMP_NTZ"
    return dt.simpleString().upper().replace("STRUCT<", "STRUCT<").replace("INTEGER", "INT")


def run_sql(msg):
    session = sessions.get(msg.get("session"))
    if session is None:
        return {"error": {"message": "Session not found", "errorClass": "INVALID_HANDLE.SESSION_NOT_FOUND", "sqlState": "HY000"}}
    named = msg.get("named") or {}
    ordinal = msg.get("ordinal") or []
    args = {k: py_value(v) for k, v in named.items()} if named else ([py_value(v) for v in ordinal] if ordinal else None)
    tag = msg.get("tag")
    if tag:
        session.addTag(tag)
    use_catalog = USE_CATALOG.match(msg["sql"])
    if use_catalog:
        # Databricks SQL's `USE CATALOG c` (Unity Catalog); open-source Spark only has `USE c`.
        session.catalog.setCurrentCatalog(use_catalog.group(1).strip("`"))
        return table_reply(pa.table({}), [])
    try:
        df = session.sql(msg["sql"], args=args) if args is not None else session.sql(msg["sql"])
        types = [spark_type_name(f.dataType) for f in df.schema.fields]
        table = df.toArrow()
        return table_reply(table, types)
    finally:
        if tag:
            session.removeTag(tag)


def like(value, pattern):
    if pattern is None or pattern in ("", "%", "*"):
        return True
    glob = pattern.replace("%", "*").replace("_", "?")
    return fnmatch.fnmatchcase(value.lower(), glob.lower())


JDBC = {"BOOLEAN": 16, "TINYINT": -6, "SMALLINT": 5, "INT": 4, "BIGINT": -5, "FLOAT": 6, "DOUBLE": 8, "DATE": 91, "TIMESTAMP": 93,
        "TIMESTAMP_NTZ": 93, "BINARY": -2, "STRING": 12}


def run_meta(msg):
    session = sessions.get(msg.get("session"))
    if session is None:
        return {"error": {"message": "Session not found", "errorClass": "INVALID_HANDLE.SESSION_NOT_FOUND", "sqlState": "HY000"}}
    kind = msg["kind"]
    catalogs = [r[0] for r in session.sql("SHOW CATALOGS").collect() if like(r[0], msg.get("catalog"))]
    if kind == "catalogs":
        return table_reply(pa.table({"TABLE_CAT": pa.array(catalogs, pa.string())}), ["STRING"])
    schemas = [(c, r[0]) for c in catalogs for r in session.sql(f"SHOW SCHEMAS IN `{c}`").collect() if like(r[0], msg.get("schema"))]
    if kind == "schemas":
        return table_reply(pa.table({"TABLE_SCHEM": [s for _, s in schemas], "TABLE_CATALOG": [c for c, _ in schemas]}), ["STRING", "STRING"])
    tables = []
    for c, s in schemas:
        for t in session.catalog.listTables(f"{c}.{s}"):
            if t.isTemporary or not like(t.name, msg.get("table")):
                continue
            ttype = "VIEW" if t.tableType == "VIEW" else "TABLE"
            if msg.get("tableTypes") and ttype not in msg["tableTypes"]:
                continue
            tables.append((c, s, t.name, ttype, t.description))
    if kind == "tables":
        cols = ["TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"]
        data = {name: pa.array([t[i] for t in tables], pa.string()) for i, name in enumerate(cols)}
        for extra in ["TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"]:
            data[extra] = pa.nulls(len(tables), pa.string())
        return table_reply(pa.table(data), ["STRING"] * 10)
    rows = []
    for c, s, name, _, _ in tables:
        fields = session.table(f"`{c}`.`{s}`.`{name}`").schema.fields
        for pos, f in enumerate(fields):
            if not like(f.name, msg.get("column")):
                continue
            tname = spark_type_name(f.dataType)
            base = tname.split("(")[0]
            jdbc = 3 if base == "DECIMAL" else JDBC.get(base, 12)
            size = getattr(f.dataType, "precision", None)
            scale = getattr(f.dataType, "scale", None)
            rows.append((c, s, name, f.name, jdbc, tname, size, scale, 1 if f.nullable else 0, f.metadata.get("comment"), pos + 1,
                         "YES" if f.nullable else "NO"))
    t = pa.table({
        "TABLE_CAT": pa.array([r[0] for r in rows], pa.string()),
        "TABLE_SCHEM": pa.array([r[1] for r in rows], pa.string()),
        "TABLE_NAME": pa.array([r[2] for r in rows], pa.string()),
        "COLUMN_NAME": pa.array([r[3] for r in rows], pa.string()),
        "DATA_TYPE": pa.array([r[4] for r in rows], pa.int32()),
        "TYPE_NAME": pa.array([r[5] for r in rows], pa.string()),
        "COLUMN_SIZE": pa.array([r[6] for r in rows], pa.int32()),
        "DECIMAL_DIGITS": pa.array([r[7] for r in rows], pa.int32()),
        "NULLABLE": pa.array([r[8] for r in rows], pa.int32()),
        "REMARKS": pa.array([r[9] for r in rows], pa.string()),
        "ORDINAL_POSITION": pa.array([r[10] for r in rows], pa.int32()),
        "IS_NULLABLE": pa.array([r[11] for r in rows], pa.string()),
    })
    return table_reply(t, ["STRING", "STRING", "STRING", "STRING", "INT", "STRING", "INT", "INT", "INT", "STRING", "INT", "STRING"])


def load(msg):
    df = spark.read.parquet(msg["path"])
    for f in df.schema.fields:
        if isinstance(f.dataType, ST.TimestampNTZType):
            df = df.withColumn(f.name, F.col(f.name).cast("timestamp"))
    df.write.mode("overwrite").saveAsTable(msg["table"])
    spark.sql(f"CACHE TABLE {msg['table']}")
    return {"ok": True, "rows": spark.table(msg["table"]).count()}


def handle(msg):
    try:
        op = msg["op"]
        if op == "open":
            s = spark.newSession()
            if msg.get("catalog"):
                s.catalog.setCurrentCatalog(msg["catalog"])
            if msg.get("schema"):
                s.catalog.setCurrentDatabase(msg["schema"])
            sessions[msg["session"]] = s
            reply = {"ok": True}
        elif op == "close":
            sessions.pop(msg.get("session"), None)
            reply = {"ok": True}
        elif op == "sql":
            reply = run_sql(msg)
        elif op == "meta":
            reply = run_meta(msg)
        elif op == "load":
            reply = load(msg)
        elif op == "cancel":
            for s in sessions.values():
                s.interruptTag(msg["tag"])
            reply = {"ok": True}
        else:
            reply = {"error": {"message": f"unknown op {op}", "errorClass": "INTERNAL_ERROR", "sqlState": "XX000"}}
    except Exception as e:  # noqa: BLE001 - every failure goes back to the caller as an error reply
        reply = {"error": error_of(e)}
    reply["id"] = msg.get("id")
    send(reply)


send({"id": None, "ready": True, "version": spark.version})
for raw in sys.stdin:
    raw = raw.strip()
    if not raw:
        continue
    message = json.loads(raw)
    if message.get("op") in ("open", "close", "cancel"):
        handle(message)
    else:
        pool.submit(handle, message)

pool.shutdown(wait=True)
spark.stop()

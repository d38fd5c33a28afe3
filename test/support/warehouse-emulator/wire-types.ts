import { DuckDBTypeId, type DuckDBType, type DuckDBValue, type DuckDBDecimalType } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { T } from './thrift-runtime';

/** How one DuckDB column travels on the wire: its Hive type, its Arrow type, and its JS value shape. */
export interface WireColumn {
  name: string;
  /** TTypeId of the column (what GetResultSetMetadata reports). */
  ttype: number;
  /** Databricks SQL type name, for GetColumns' TYPE_NAME and error messages. */
  typeName: string;
  precision?: number;
  scale?: number;
  arrowType: arrow.DataType;
  kind: WireKind;
}

/** The value shape a column is normalised to before encoding. */
export type WireKind = 'bool' | 'int' | 'bigint' | 'double' | 'decimal' | 'string' | 'json' | 'binary' | 'date' | 'timestamp';

const UTC = 'Etc/UTC';

/** Maps a DuckDB column type to the Databricks type a warehouse would report for it. */
export function wireColumn(name: string, type: DuckDBType): WireColumn {
  const c = (ttype: number, typeName: string, arrowType: arrow.DataType, kind: WireKind, extra: Partial<WireColumn> = {}): WireColumn => ({
    name,
    ttype,
    typeName,
    arrowType,
    kind,
    ...extra,
  });
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return c(T.TTypeId.BOOLEAN_TYPE, 'BOOLEAN', new arrow.Bool(), 'bool');
    case DuckDBTypeId.TINYINT:
      return c(T.TTypeId.TINYINT_TYPE, 'TINYINT', new arrow.Int8(), 'int');
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return c(T.TTypeId.SMALLINT_TYPE, 'SMALLINT', new arrow.Int16(), 'int');
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return c(T.TTypeId.INT_TYPE, 'INT', new arrow.Int32(), 'int');
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return c(T.TTypeId.BIGINT_TYPE, 'BIGINT', new arrow.Int64(), 'bigint');
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return c(T.TTypeId.DECIMAL_TYPE, 'DECIMAL(38,0)', new arrow.Decimal(0, 38, 128), 'decimal', { precision: 38, scale: 0 });
    case DuckDBTypeId.FLOAT:
      return c(T.TTypeId.FLOAT_TYPE, 'FLOAT', new arrow.Float32(), 'double');
    case DuckDBTypeId.DOUBLE:
      return c(T.TTypeId.DOUBLE_TYPE, 'DOUBLE', new arrow.Float64(), 'double');
    case DuckDBTypeId.DECIMAL: {
      const d = type as DuckDBDecimalType;
      return c(T.TTypeId.DECIMAL_TYPE, `DECIMAL(${d.width},${d.scale})`, new arrow.Decimal(d.scale, d.width, 128), 'decimal', {
        precision: d.width,
        scale: d.scale,
      });
    }
    case DuckDBTypeId.BLOB:
      return c(T.TTypeId.BINARY_TYPE, 'BINARY', new arrow.Binary(), 'binary');
    case DuckDBTypeId.DATE:
      return c(T.TTypeId.DATE_TYPE, 'DATE', new arrow.DateDay(), 'date');
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return c(T.TTypeId.TIMESTAMP_TYPE, 'TIMESTAMP', new arrow.TimestampMicrosecond(UTC), 'timestamp');
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return c(T.TTypeId.ARRAY_TYPE, 'ARRAY', new arrow.Utf8(), 'json');
    case DuckDBTypeId.STRUCT:
      return c(T.TTypeId.STRUCT_TYPE, 'STRUCT', new arrow.Utf8(), 'json');
    case DuckDBTypeId.MAP:
      return c(T.TTypeId.MAP_TYPE, 'MAP', new arrow.Utf8(), 'json');
    case DuckDBTypeId.INTERVAL:
      return c(T.TTypeId.INTERVAL_DAY_TIME_TYPE, 'INTERVAL', new arrow.Utf8(), 'string');
    default:
      return c(T.TTypeId.STRING_TYPE, 'STRING', new arrow.Utf8(), 'string');
  }
}

/** One column's values normalised for encoding (null stays null). */
export type WireValue = boolean | number | bigint | string | Uint8Array | null;

/** Turns DuckDB values into the shape `kind` expects: micros for timestamps, days for dates, unscaled bigints for decimals. */
export function normaliseValues(values: DuckDBValue[], col: WireColumn): WireValue[] {
  const out = new Array<WireValue>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = normaliseValue(values[i] ?? null, col);
  return out;
}

function normaliseValue(v: DuckDBValue, col: WireColumn): WireValue {
  if (v === null) return null;
  switch (col.kind) {
    case 'bool':
      return Boolean(v);
    case 'int':
    case 'double':
      return Number(v);
    case 'bigint':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'decimal':
      if (typeof v === 'bigint') return v;
      return (v as { value: bigint }).value;
    case 'date':
      return (v as { days: number }).days;
    case 'timestamp': {
      const t = v as { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint };
      if (t.micros !== undefined) return t.micros;
      if (t.millis !== undefined) return t.millis * 1000n;
      if (t.seconds !== undefined) return t.seconds * 1_000_000n;
      return (t.nanos ?? 0n) / 1000n;
    }
    case 'binary':
      return (v as { bytes: Uint8Array }).bytes;
    case 'json':
      return JSON.stringify(toJson(v));
    default:
      return String(v);
  }
}

/** Nested DuckDB values as plain JSON; MAPs become objects, as Databricks renders them. */
function toJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.items)) return o.items.map(toJson);
  if (Array.isArray(o.entries) && o.entries.every((e) => e && typeof e === 'object' && 'key' in e)) {
    const m: Record<string, unknown> = {};
    for (const e of o.entries as { key: unknown; value: unknown }[]) m[String(toJson(e.key))] = toJson(e.value);
    return m;
  }
  if (o.entries && typeof o.entries === 'object') {
    const s: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(o.entries as Record<string, unknown>)) s[k] = toJson(val);
    return s;
  }
  return String(v);
}

/** The TColumnDesc list GetResultSetMetadata returns. */
export function tableSchema(columns: WireColumn[]): unknown {
  return {
    columns: columns.map((col, i) => {
      const primitiveEntry: Record<string, unknown> = { type: col.ttype };
      if (col.ttype === T.TTypeId.DECIMAL_TYPE) {
        primitiveEntry.typeQualifiers = { qualifiers: { precision: { i32Value: col.precision }, scale: { i32Value: col.scale } } };
      }
      return { columnName: col.name, position: i + 1, typeDesc: { types: [{ primitiveEntry }] } };
    }),
  };
}

import {
  BIGINT,
  BLOB,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampValue,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  TINYINT,
  VARCHAR,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { thriftTypes } from './lazy-driver';
import type { RemoteColumn } from './values';

/** A remote column's local DuckDB type and the converter from driver values to DuckDB values. */
export interface LocalColumn {
  name: string;
  sqlType: string;
  duckType: DuckDBType;
  convert: (value: unknown) => DuckDBValue;
}

const DAY_MS = 86_400_000;

/** Exact decimal text (or a number) → the unscaled integer at `scale`. */
export function unscaledDecimal(value: unknown, scale: number): bigint {
  const text = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : Number(value).toFixed(scale);
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = text.replace(/^[-+]/, '').split('.');
  const digits = `${whole}${frac.padEnd(scale, '0').slice(0, scale)}`;
  const n = BigInt(digits === '' ? '0' : digits);
  return negative ? -n : n;
}

const json = (v: unknown) =>
  typeof v === 'string' ? v : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));

/**
 * Databricks → DuckDB types for pulls: DECIMAL keeps precision and scale, BIGINT stays
 * 64-bit, DATE and TIMESTAMP stay temporal (timestamps as UTC wall-clock); nested types
 * arrive as JSON text.
 */
export function localColumn(col: RemoteColumn): LocalColumn {
  const { TTypeId } = thriftTypes();
  const nullable = (f: (v: unknown) => DuckDBValue) => (v: unknown) => (v === null || v === undefined ? null : f(v));
  const make = (sqlType: string, duckType: DuckDBType, f: (v: unknown) => DuckDBValue): LocalColumn => ({
    name: col.name,
    sqlType,
    duckType,
    convert: nullable(f),
  });
  switch (col.typeId) {
    case TTypeId.BOOLEAN_TYPE:
      return make('BOOLEAN', BOOLEAN, (v) => Boolean(v));
    case TTypeId.TINYINT_TYPE:
      return make('TINYINT', TINYINT, Number);
    case TTypeId.SMALLINT_TYPE:
      return make('SMALLINT', SMALLINT, Number);
    case TTypeId.INT_TYPE:
      return make('INTEGER', INTEGER, Number);
    case TTypeId.BIGINT_TYPE:
      return make('BIGINT', BIGINT, (v) => (typeof v === 'bigint' ? v : BigInt(v as number)));
    case TTypeId.FLOAT_TYPE:
      return make('FLOAT', FLOAT, Number);
    case TTypeId.DOUBLE_TYPE:
      return make('DOUBLE', DOUBLE, Number);
    case TTypeId.DECIMAL_TYPE: {
      const p = col.precision ?? 38;
      const s = col.scale ?? 0;
      return make(`DECIMAL(${p},${s})`, DECIMAL(p, s), (v) => new DuckDBDecimalValue(unscaledDecimal(v, s), p, s));
    }
    case TTypeId.DATE_TYPE:
      return make('DATE', DATE, (v) => new DuckDBDateValue(Math.floor(toMs(v) / DAY_MS)));
    case TTypeId.TIMESTAMP_TYPE:
      return make('TIMESTAMP', TIMESTAMP, (v) => new DuckDBTimestampValue(BigInt(Math.round(toMs(v))) * 1000n));
    case TTypeId.BINARY_TYPE:
      return make('BLOB', BLOB, (v) => new DuckDBBlobValue(v instanceof Uint8Array ? v : Buffer.from(String(v))));
    case TTypeId.ARRAY_TYPE:
    case TTypeId.MAP_TYPE:
    case TTypeId.STRUCT_TYPE:
      return make('VARCHAR', VARCHAR, json);
    default:
      return make('VARCHAR', VARCHAR, (v) => (typeof v === 'string' ? v : json(v)));
  }
}

function toMs(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  return Date.parse(String(v).replace(' ', 'T') + (/[zZ+]/.test(String(v)) ? '' : 'Z'));
}

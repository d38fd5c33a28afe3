import type { Cell, Column } from '../../shared/api';
import { thriftTypes } from './lazy-driver';

/** A result column as the driver describes it, with the Databricks type name we show. */
export interface RemoteColumn extends Column {
  typeId: number;
  precision?: number;
  scale?: number;
}

interface SchemaLike {
  columns?: {
    columnName: string;
    position: number;
    typeDesc: { types: { primitiveEntry?: { type: number; typeQualifiers?: { qualifiers: Record<string, { i32Value?: number }> } } }[] };
  }[];
}

let names: Record<number, string> | undefined;

/** Driver type id → the Databricks type name we show. */
function typeNames(): Record<number, string> {
  const { TTypeId } = thriftTypes();
  return (names ??= {
    [TTypeId.BOOLEAN_TYPE]: 'BOOLEAN',
    [TTypeId.TINYINT_TYPE]: 'TINYINT',
    [TTypeId.SMALLINT_TYPE]: 'SMALLINT',
    [TTypeId.INT_TYPE]: 'INT',
    [TTypeId.BIGINT_TYPE]: 'BIGINT',
    [TTypeId.FLOAT_TYPE]: 'FLOAT',
    [TTypeId.DOUBLE_TYPE]: 'DOUBLE',
    [TTypeId.STRING_TYPE]: 'STRING',
    [TTypeId.VARCHAR_TYPE]: 'STRING',
    [TTypeId.CHAR_TYPE]: 'STRING',
    [TTypeId.TIMESTAMP_TYPE]: 'TIMESTAMP',
    [TTypeId.DATE_TYPE]: 'DATE',
    [TTypeId.BINARY_TYPE]: 'BINARY',
    [TTypeId.ARRAY_TYPE]: 'ARRAY',
    [TTypeId.MAP_TYPE]: 'MAP',
    [TTypeId.STRUCT_TYPE]: 'STRUCT',
    [TTypeId.INTERVAL_DAY_TIME_TYPE]: 'INTERVAL',
    [TTypeId.INTERVAL_YEAR_MONTH_TYPE]: 'INTERVAL',
    [TTypeId.NULL_TYPE]: 'VOID',
  });
}

/** Columns of a driver result schema, in order. */
export function remoteColumns(schema: unknown): RemoteColumn[] {
  const { TTypeId } = thriftTypes();
  const cols = [...((schema as SchemaLike | null)?.columns ?? [])].sort((a, b) => a.position - b.position);
  return cols.map((c) => {
    const entry = c.typeDesc.types[0]?.primitiveEntry;
    const typeId = entry?.type ?? TTypeId.STRING_TYPE;
    if (typeId === TTypeId.DECIMAL_TYPE) {
      const q = entry?.typeQualifiers?.qualifiers ?? {};
      const precision = q.precision?.i32Value ?? 38;
      const scale = q.scale?.i32Value ?? 0;
      return { name: c.columnName, type: `DECIMAL(${precision},${scale})`, typeId, precision, scale };
    }
    return { name: c.columnName, type: typeNames()[typeId] ?? 'STRING', typeId };
  });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 2024-01-02 (UTC), as DuckDB prints a DATE. */
export function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 2024-01-02 03:04:05.123 (UTC), as DuckDB prints a TIMESTAMP (fraction only when present). */
export function formatTimestamp(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return `${formatDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/**
 * A driver value as a JSON-safe cell, the way engine.query shapes DuckDB's: numbers where
 * nothing is lost, big integers as strings, dates and timestamps as text.
 */
export function toCell(value: unknown, col: RemoteColumn): Cell {
  if (value === null || value === undefined) return null;
  const { TTypeId } = thriftTypes();
  if (value instanceof Date) return col.typeId === TTypeId.DATE_TYPE ? formatDate(value) : formatTimestamp(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string' && col.typeId === TTypeId.DECIMAL_TYPE) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object')
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Cell;
  return value as Cell;
}

/** Driver row objects → positional cells. */
export function toRows(objects: readonly Record<string, unknown>[], columns: RemoteColumn[]): Cell[][] {
  return objects.map((o) => columns.map((c) => toCell(o[c.name], c)));
}

import type { SqlTarget } from '../engine/sql-target';
import type { ColumnTypes } from './histogram-quantile';
import columnTypesSql from './sql/silver_column_types.sql?raw';
import { enumColumnsOf, type EnumColumns } from './typed-filters';

const NO_TYPES: ColumnTypes = new Map();

/**
 * Silver's columns and their types on this target, read from the database on every answer (a
 * catalog lookup, well under a millisecond), so a table replaced since is never compared in a
 * type it no longer has. A warehouse, or a database without silver: none.
 */
export async function silverColumnTypes(target: SqlTarget): Promise<ColumnTypes> {
  if (target.dialect.name !== 'duckdb') return NO_TYPES;
  try {
    const result = await target.query(columnTypesSql, { maxRows: 1000, timeoutMs: 5000 });
    return new Map(result.rows.map((r) => [String(r[0]), String(r[1])] as const));
  } catch {
    return NO_TYPES;
  }
}

/** Which silver columns hold their catalog ENUM on this target (typed category filters). */
export async function enumColumns(target: SqlTarget): Promise<EnumColumns> {
  return enumColumnsOf([...(await silverColumnTypes(target))]);
}

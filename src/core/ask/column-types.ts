import type { SqlTarget } from '../engine/sql-target';
import columnTypesSql from './sql/silver_column_types.sql?raw';
import { enumColumnsOf, type EnumColumns } from './typed-filters';

const NONE: EnumColumns = new Map();

/**
 * Which silver columns hold their catalog ENUM on this target, read from the database on every
 * answer (a catalog lookup, well under a millisecond), so a table replaced since is never
 * compared in a type it no longer has. A warehouse, or a database without silver: none.
 */
export async function enumColumns(target: SqlTarget): Promise<EnumColumns> {
  if (target.dialect.name !== 'duckdb') return NONE;
  try {
    const result = await target.query(columnTypesSql, { maxRows: 1000, timeoutMs: 5000 });
    return enumColumnsOf(result.rows.map((r) => [String(r[0]), String(r[1])] as const));
  } catch {
    return NONE;
  }
}

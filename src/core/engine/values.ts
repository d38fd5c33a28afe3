import type { DuckDBType } from '@duckdb/node-api';
import type { Cell, Column } from '../../shared/api';

const WIDE_NUMBER = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT|DECIMAL)/;

/** Column descriptions as the API carries them. */
export function describeColumns(names: string[], types: DuckDBType[]): Column[] {
  return names.map((name, i) => ({ name, type: String(types[i]) }));
}

/**
 * Makes DuckDB's JSON rows friendlier: 64-bit integers and decimals become numbers when
 * that loses nothing a person would see (safe integers; decimals are display values).
 */
export function normaliseRows(rows: unknown[][], columns: Column[]): Cell[][] {
  const wide = columns.map((c) => WIDE_NUMBER.test(c.type));
  const decimal = columns.map((c) => c.type.startsWith('DECIMAL'));
  if (!wide.some(Boolean)) return rows as Cell[][];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (!wide[i] || typeof v !== 'string') continue;
      const n = Number(v);
      if (decimal[i] ? Number.isFinite(n) : Number.isSafeInteger(n)) row[i] = n;
    }
  }
  return rows as Cell[][];
}

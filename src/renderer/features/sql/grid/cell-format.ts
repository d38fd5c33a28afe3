import type { Cell, Column } from '../../../../shared/api';

/** A cell as text for the grid and the clipboard (NULL shown as NULL, copied as empty). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return 'NULL';
  if (typeof cell === 'object') return JSON.stringify(cell);
  return String(cell);
}

/** Rows as tab-separated text, the format spreadsheets paste. */
export function toTsv(rows: Cell[][], columns: Column[] | undefined): string {
  const clean = (c: Cell) => (c === null ? '' : cellText(c).replace(/[\t\n\r]+/g, ' '));
  const lines = rows.map((r) => r.map(clean).join('\t'));
  if (columns) lines.unshift(columns.map((c) => c.name).join('\t'));
  return lines.join('\n');
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL|REAL)/;
export const isNumericType = (type: string) => NUMERIC.test(type);
export const isTemporalType = (type: string) => /^(DATE|TIMESTAMP|TIME)/.test(type);

/** A column width from its header and the first values: wide enough, never huge. */
export function columnWidth(column: Column, sample: Cell[][], index: number): number {
  let longest = Math.max(column.name.length, column.type.length * 0.8);
  for (let r = 0; r < Math.min(sample.length, 50); r++) longest = Math.max(longest, cellText(sample[r]![index]).length);
  return Math.round(Math.min(360, Math.max(72, longest * 7.4 + 28)));
}

/** A byte count as people read it: 812 B, 14 KB, 3.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

import type { Table } from '../api/domains/common';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of a result, header first. */
export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => cell(c.name)).join(',')];
  for (const row of table.rows) lines.push(row.map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

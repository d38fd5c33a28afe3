import type { Cell, Table } from '../shared/api';

export type OutputFormat = 'table' | 'json' | 'csv';

function text(cell: Cell): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'object') return JSON.stringify(cell);
  return String(cell);
}

/** SPEC §8: `{"columns":[{"name","type"}…],"rows":[[…]…]}`. */
export function formatJson(table: Table): string {
  return JSON.stringify({ columns: table.columns, rows: table.rows });
}

/** RFC 4180 CSV: quotes where needed, NULL as an empty field. */
export function formatCsv(table: Table): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [table.columns.map((c) => quote(c.name)).join(',')];
  for (const row of table.rows) lines.push(row.map((c) => (c === null ? '' : quote(text(c)))).join(','));
  return lines.join('\n');
}

/** A boxed, aligned table for a terminal; numbers align right. */
export function formatTable(table: Table, footer?: string): string {
  const head = table.columns.map((c) => c.name);
  const body = table.rows.map((r) => r.map(text));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const numeric =
    table.rows.length > 0
      ? table.columns.map((_, i) => table.rows.every((r) => r[i] === null || typeof r[i] === 'number'))
      : head.map(() => false);
  const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const row = (cells: string[]) =>
    '│' + cells.map((c, i) => ' ' + (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)) + ' ').join('│') + '│';
  const out = [line('┌', '┬', '┐'), row(head), line('├', '┼', '┤'), ...body.map(row), line('└', '┴', '┘')];
  if (footer) out.push(footer);
  return out.join('\n');
}

export function formatResult(table: Table, format: OutputFormat, footer?: string): string {
  if (format === 'json') return formatJson(table);
  if (format === 'csv') return formatCsv(table);
  return formatTable(table, footer);
}

/** A DuckDB identifier, double-quoted (the one quoting helper of this module). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

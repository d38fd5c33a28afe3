/** Quotes an SQL identifier ("My ""odd"" name"): the one way identifiers enter built SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal for the few places DuckDB takes no parameter (COPY … TO 'path'). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Quotes an SQL identifier (table or column name) for DuckDB: the one place names enter SQL text. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A table name a user may pick for saved scores: letters, digits and underscores. */
export function checkTableName(name: string): string | null {
  return /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)
    ? null
    : 'Use letters, digits and underscores (start with a letter), at most 63 characters.';
}

/** Quotes a string literal for DuckDB. Used only for our own category and class lists (never user text). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

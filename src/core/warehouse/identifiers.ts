/** The one place identifiers are quoted: DuckDB uses "x", Databricks SQL uses `x`. */
export function quoteDuck(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteSpark(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** `catalog`.`schema`.`table` for Databricks SQL. */
export function sparkName(...parts: string[]): string {
  return parts.map(quoteSpark).join('.');
}

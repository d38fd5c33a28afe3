import { isReserved } from './duckdb-keywords';

/**
 * The one set of quoters for SQL the app builds. DuckDB: "ident" and 'it''s'. Databricks SQL:
 * `ident` and 'it\'s'. Anything else that needs a quoted name asks a Dialect (./dialect.ts).
 */

/** Quotes a DuckDB identifier ("My ""odd"" name"): the one way identifiers enter built SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a DuckDB string literal, for the few places DuckDB takes no parameter (COPY … TO 'path', generated SQL shown to users). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A DuckDB identifier as a person would write it: bare when it is a lower-case word that is not
 * reserved (SQL shown in Ask stays readable), quoted otherwise.
 */
export function quoteIdentIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !isReserved(name) ? name : quoteIdent(name);
}

/** A DATE literal from a YYYY-MM-DD string, refusing anything else. */
export function dateLiteral(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`Not a date: ${value}`);
  return `DATE '${value}'`;
}

/** Quotes a Databricks SQL identifier (`My ``odd`` name`). */
export function quoteSparkIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** Quotes a Databricks SQL string literal: backslash escapes, as Spark reads them ('O\'Brien', 'a\\b'). */
export function quoteSparkLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

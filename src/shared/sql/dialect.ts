import { toDatabricksSql } from './databricks-dialect';
import { quoteIdent, quoteLiteral, quoteSparkIdent, quoteSparkLiteral } from './quote';

export type DialectName = 'duckdb' | 'databricks';

/**
 * How one SQL engine spells what the app writes: quoted names and strings, qualified names, and
 * the translation of the app's own SQL (written for DuckDB) into it. A SqlTarget carries one.
 */
export interface Dialect {
  readonly name: DialectName;
  quoteIdent(name: string): string;
  quoteLiteral(value: string): string;
  /** `a`.`b`.`c` / "a"."b"."c". */
  qualify(...parts: string[]): string;
  /** DuckDB SQL (what the app writes) → this dialect's SQL. */
  translate(duckdbSql: string): string;
}

export const DUCKDB: Dialect = {
  name: 'duckdb',
  quoteIdent,
  quoteLiteral,
  qualify: (...parts) => parts.map(quoteIdent).join('.'),
  translate: (sql) => sql,
};

export const DATABRICKS: Dialect = {
  name: 'databricks',
  quoteIdent: quoteSparkIdent,
  quoteLiteral: quoteSparkLiteral,
  qualify: (...parts) => parts.map(quoteSparkIdent).join('.'),
  translate: toDatabricksSql,
};

export function dialectNamed(name: DialectName): Dialect {
  return name === 'databricks' ? DATABRICKS : DUCKDB;
}

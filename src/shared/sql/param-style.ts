import { lexSql } from './lex';

/**
 * Rewrites DuckDB `$name` markers as Databricks SQL `:name` markers. Works on lexer tokens, so
 * `$x` inside strings, quoted identifiers, comments or `$tag$…$tag$` bodies is never touched;
 * only the markers change, values still travel as bound parameters. Positional `$1` markers
 * have no Databricks equivalent by name and are refused.
 */
export function dollarToColonParams(sql: string): string {
  let out = '';
  let at = 0;
  for (const token of lexSql(sql)) {
    if (token.kind !== 'param') continue;
    if (/^\$\d+$/.test(token.text)) throw new Error(`positional parameter ${token.text} cannot be sent to Databricks SQL; use a named one`);
    out += sql.slice(at, token.start) + ':' + token.text.slice(1);
    at = token.end;
  }
  return out + sql.slice(at);
}

import { lexSql } from './lex';
import { quoteIdent, quoteLiteral, quoteSparkIdent, quoteSparkLiteral } from './quote';

/**
 * The lexical differences between DuckDB and Databricks SQL that change what a statement
 * means: identifiers are quoted with backticks in Databricks ("x" is a string there), its
 * string literals escape with backslashes ('O\'Brien', where DuckDB writes 'O''Brien'), and an
 * unsized VARCHAR is STRING there. Everything else is shared syntax or handled by twins.
 */

const SPARK_ESCAPES: Record<string, string> = { '0': '\u0000', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\u001a' };

/**
 * DuckDB SQL → Databricks SQL: "ident" → `ident`, 'it''s' → 'it\'s', an unsized VARCHAR → STRING.
 * Comments and other tokens are kept as written. The one DuckDB → Databricks translator.
 */
export function toDatabricksSql(sql: string): string {
  let out = '';
  let at = 0;
  const tokens = lexSql(sql);
  for (const [i, token] of tokens.entries()) {
    let replacement: string | undefined;
    if (token.kind === 'quoted') replacement = quoteSparkIdent(token.text.slice(1, -1).replace(/""/g, '"'));
    else if (token.kind === 'string' && token.text.startsWith("'") && token.text.endsWith("'") && token.text.length >= 2) {
      replacement = quoteSparkLiteral(token.text.slice(1, -1).replace(/''/g, "'"));
    } else if (token.kind === 'word' && /^varchar$/i.test(token.text) && tokens[i + 1]?.text !== '(') replacement = 'STRING';
    if (replacement === undefined) continue;
    out += sql.slice(at, token.start) + replacement;
    at = token.end;
  }
  return out + sql.slice(at);
}

/**
 * Databricks SQL → DuckDB SQL, so DuckDB's parser can judge a statement written for the warehouse:
 * `ident` → "ident", 'it\'s' → 'it''s'. DuckDB-style text passes through unchanged unless a string holds a backslash.
 */
export function fromDatabricksSql(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === '"' && sql[j + 1] !== '"')) j += sql[j] === '"' ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      let name = '';
      while (j < sql.length && !(sql[j] === '`' && sql[j + 1] !== '`')) {
        name += sql[j];
        j += sql[j] === '`' ? 2 : 1;
      }
      out += quoteIdent(name);
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      let value = '';
      while (j < sql.length && sql[j] !== "'") {
        if (sql[j] === '\\' && j + 1 < sql.length) {
          const next = sql[j + 1]!;
          value += SPARK_ESCAPES[next] ?? (next === '%' || next === '_' ? `\\${next}` : next);
          j += 2;
        } else value += sql[j++];
      }
      out += quoteLiteral(value);
      i = j + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

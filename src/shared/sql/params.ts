import { lexSql } from './lex';

/** How a target marks named parameters: DuckDB `$name`, Databricks SQL `:name`. */
export type ParamStyle = 'dollar' | 'colon';

/** The distinct named parameters of a statement, in order of first use. */
export function findParameters(sql: string, style: ParamStyle = 'dollar'): string[] {
  const seen = new Set<string>();
  const tokens = lexSql(sql);
  tokens.forEach((token, i) => {
    if (style === 'dollar' && token.kind === 'param' && !/^\$\d+$/.test(token.text)) seen.add(token.text.slice(1));
    if (style === 'colon' && token.text === ':' && token.kind === 'punct') {
      // `:name` directly joined: not a `::` cast, not a slice bound like `[a:b]` (no space after a word-ish token).
      const next = tokens[i + 1];
      const prev = tokens[i - 1];
      const joined = next?.kind === 'word' && next.start === token.end;
      const cast = prev?.text === ':' && prev.end === token.start;
      const castNext = next?.text === ':' && next.start === token.end;
      const slice = prev !== undefined && prev.end === token.start && prev.text !== '(' && prev.text !== ',' && prev.kind !== 'punct';
      if (joined && !cast && !castNext && !slice) seen.add(next.text);
    }
  });
  return [...seen];
}

/**
 * Turns what a user typed into a parameter value: numbers stay numbers, true/false become
 * booleans, an empty box or NULL is NULL, anything else is a string (DuckDB casts it).
 */
export function parseParameterValue(text: string): string | number | boolean | null {
  const t = text.trim();
  if (t === '' || /^null$/i.test(t)) return null;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) && Number.isFinite(Number(t))) {
    const n = Number(t);
    if (!Number.isInteger(n) || Number.isSafeInteger(n)) return n;
  }
  return text;
}

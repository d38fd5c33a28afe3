import { lexSql } from './lex';

/** The distinct `$name` parameters of a statement, in order of first use. */
export function findParameters(sql: string): string[] {
  const seen = new Set<string>();
  for (const token of lexSql(sql)) {
    if (token.kind === 'param' && !/^\$\d+$/.test(token.text)) seen.add(token.text.slice(1));
  }
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

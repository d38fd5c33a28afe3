import { lexSql } from './lex';

/** One statement of a script: its text and 0-based [start, end) offsets, trimmed. */
export interface SqlStatement {
  text: string;
  start: number;
  end: number;
}

/** Splits a script on top-level semicolons (never inside strings, identifiers or comments). */
export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let first = -1;
  let last = -1;
  for (const token of lexSql(sql)) {
    if (token.kind === 'punct' && token.text === ';') {
      if (first >= 0) out.push({ text: sql.slice(first, last), start: first, end: last });
      first = -1;
      continue;
    }
    if (token.kind === 'comment' && first < 0) continue;
    if (first < 0) first = token.start;
    last = token.end;
  }
  if (first >= 0) out.push({ text: sql.slice(first, last), start: first, end: last });
  return out;
}

/**
 * The statement the cursor is in, or the nearest one before it (a cursor after the last
 * `;` or on a blank line below a statement runs that statement, as in DBeaver).
 */
export function statementAt(sql: string, offset: number): SqlStatement | undefined {
  const all = splitStatements(sql);
  let best: SqlStatement | undefined;
  for (const s of all) {
    if (offset >= s.start && offset <= s.end) return s;
    if (s.end <= offset) best = s;
  }
  return best ?? all[0];
}

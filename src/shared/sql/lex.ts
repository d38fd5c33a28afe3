/** A token of SQL text with its 0-based [start, end) offsets. */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'comment';
  text: string;
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/**
 * Splits SQL into tokens, skipping whitespace. Strings ('…', E'…', $tag$…$tag$), quoted
 * identifiers and comments are single tokens, so `;` or `$x` inside them never count.
 * Unterminated strings and comments run to the end of the text (the user is still typing).
 */
export function lexSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: SqlToken['kind'], start: number, end: number) => tokens.push({ kind, text: sql.slice(start, end), start, end });
  while (i < n) {
    const c = sql[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      push('comment', i, end < 0 ? n : end);
      i = end < 0 ? n : end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      push('comment', i, stop);
      i = stop;
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const start = i;
      i = c === "'" ? i + 1 : i + 2;
      while (i < n) {
        if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === '\\' && c !== "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i = Math.min(n, i + 1);
      push('string', start, i);
    } else if (c === '"') {
      const start = i++;
      while (i < n) {
        if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
        else if (sql[i] === '"') break;
        else i++;
      }
      i = Math.min(n, i + 1);
      push('quoted', start, i);
    } else if (c === '$') {
      const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (dollar) {
        const tag = dollar[0];
        const end = sql.indexOf(tag, i + tag.length);
        const stop = end < 0 ? n : end + tag.length;
        push('string', i, stop);
        i = stop;
      } else {
        const start = i++;
        while (i < n && /[A-Za-z0-9_]/.test(sql[i]!)) i++;
        push(i - start > 1 ? 'param' : 'punct', start, i);
      }
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const start = i++;
      while (i < n && /[0-9._eE]/.test(sql[i]!)) i++;
      push('number', start, i);
    } else if (WORD_START.test(c)) {
      const start = i++;
      while (i < n && WORD_PART.test(sql[i]!)) i++;
      push('word', start, i);
    } else {
      push('punct', i, i + 1);
      i++;
    }
  }
  return tokens;
}

/** The identifier a word or quoted token names ("My Col" → My Col). */
export function identifierText(token: SqlToken): string {
  if (token.kind === 'quoted') return token.text.replace(/^"|"$/g, '').replace(/""/g, '"');
  return token.text;
}

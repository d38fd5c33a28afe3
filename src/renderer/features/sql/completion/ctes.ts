import { isReserved } from '../../../../shared/sql/duckdb-keywords';
import { identifierText, type SqlToken } from '../../../../shared/sql/lex';

/** A common table expression of the statement: its name and the columns it yields. */
export interface CteEntry {
  name: string;
  columns: string[];
}

const isName = (t: SqlToken | undefined): t is SqlToken => !!t && (t.kind === 'quoted' || (t.kind === 'word' && !isReserved(t.text)));
const isWord = (t: SqlToken | undefined, w: string) => !!t && t.kind === 'word' && t.text.toLowerCase() === w;
const isPunct = (t: SqlToken | undefined, p: string) => !!t && t.kind === 'punct' && t.text === p;

/** Index of the `)` closing the `(` at `open`, or the last token when it is not closed yet. */
function closing(tokens: SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}

/** Output names of a SELECT list: `x`, `t.x`, `expr AS x`, `expr x`. */
export function selectListColumns(body: SqlToken[]): string[] {
  let i = 0;
  while (i < body.length && !isWord(body[i], 'select')) i++;
  i++;
  if (isWord(body[i], 'distinct') || isWord(body[i], 'all')) i++;
  const items: SqlToken[][] = [[]];
  let depth = 0;
  for (; i < body.length; i++) {
    const t = body[i]!;
    if (depth === 0 && (isWord(t, 'from') || isWord(t, 'where') || isWord(t, 'group') || isWord(t, 'order') || isWord(t, 'limit'))) break;
    if (isPunct(t, '(')) depth++;
    if (isPunct(t, ')')) depth--;
    if (depth === 0 && isPunct(t, ',')) items.push([]);
    else items[items.length - 1]!.push(t);
  }
  const names: string[] = [];
  for (const item of items) {
    const last = item[item.length - 1];
    const before = item[item.length - 2];
    if (!isName(last)) continue;
    const implicitAlias =
      !!before && (isPunct(before, ')') || ['word', 'quoted', 'number', 'string'].includes(before.kind)) && !isWord(before, 'as');
    if (item.length === 1 || isWord(before, 'as') || isPunct(before, '.') || implicitAlias) names.push(identifierText(last));
  }
  return names;
}

/** The CTEs a statement defines in its WITH clause. */
export function ctesOf(tokens: SqlToken[]): CteEntry[] {
  const out: CteEntry[] = [];
  const start = tokens.findIndex((t) => isWord(t, 'with'));
  if (start < 0) return out;
  let j = start + 1;
  if (isWord(tokens[j], 'recursive')) j++;
  while (isName(tokens[j])) {
    const name = identifierText(tokens[j]!);
    j++;
    let columns: string[] = [];
    if (isPunct(tokens[j], '(')) {
      const end = closing(tokens, j);
      columns = tokens
        .slice(j + 1, end)
        .filter(isName)
        .map(identifierText);
      j = end + 1;
    }
    if (!isWord(tokens[j], 'as')) break;
    j++;
    while (isWord(tokens[j], 'not') || isWord(tokens[j], 'materialized')) j++;
    if (!isPunct(tokens[j], '(')) break;
    const end = closing(tokens, j);
    if (columns.length === 0) columns = selectListColumns(tokens.slice(j + 1, end));
    out.push({ name, columns });
    j = end + 1;
    if (!isPunct(tokens[j], ',')) break;
    j++;
  }
  return out;
}

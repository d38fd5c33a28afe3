import { isReserved } from '../../../../shared/sql/duckdb-keywords';
import { identifierText, type SqlToken } from '../../../../shared/sql/lex';

/** A table or view named in a statement's FROM/JOIN, with the alias it goes by. */
export interface ScopeEntry {
  /** Name parts as written: ["main", "orders"] or ["orders"]. */
  parts: string[];
  alias: string | undefined;
}

/** Words that end a relation reference rather than naming its alias. */
const NOT_ALIAS = new Set([
  'join',
  'left',
  'right',
  'inner',
  'outer',
  'full',
  'cross',
  'natural',
  'anti',
  'semi',
  'asof',
  'positional',
  'lateral',
  'sample',
  'tablesample',
  'window',
  'pivot',
  'unpivot',
  'using',
  'on',
  'where',
  'group',
  'order',
  'limit',
  'having',
  'qualify',
  'union',
  'except',
  'intersect',
  'offset',
  'returning',
  'set',
  'values',
]);

const isName = (t: SqlToken | undefined): t is SqlToken => !!t && (t.kind === 'quoted' || (t.kind === 'word' && !isReserved(t.text)));
const isWord = (t: SqlToken | undefined, ...words: string[]) => !!t && t.kind === 'word' && words.includes(t.text.toLowerCase());
const isPunct = (t: SqlToken | undefined, p: string) => !!t && t.kind === 'punct' && t.text === p;

/**
 * Reads `name[.name[.name]] [AS] alias` starting at tokens[i]; returns the entry and the
 * index after it, or undefined when tokens[i] does not start a relation (a subquery, a function).
 */
function readRelation(tokens: SqlToken[], i: number): { entry: ScopeEntry; next: number } | undefined {
  if (!isName(tokens[i])) return undefined;
  const parts = [identifierText(tokens[i]!)];
  let j = i + 1;
  while (isPunct(tokens[j], '.') && isName(tokens[j + 1])) {
    parts.push(identifierText(tokens[j + 1]!));
    j += 2;
  }
  if (isPunct(tokens[j], '(')) return undefined; // a table function: read_csv(…)
  let alias: string | undefined;
  if (isWord(tokens[j], 'as') && isName(tokens[j + 1])) {
    alias = identifierText(tokens[j + 1]!);
    j += 2;
  } else if (isName(tokens[j]) && !NOT_ALIAS.has(tokens[j]!.text.toLowerCase())) {
    alias = identifierText(tokens[j]!);
    j += 1;
  }
  return { entry: { parts, alias }, next: j };
}

/** Every relation a statement reads after FROM, JOIN or a comma in a FROM list. */
export function relationsInScope(tokens: SqlToken[]): ScopeEntry[] {
  const out: ScopeEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'from', 'join', 'update', 'into')) continue;
    let j = i + 1;
    for (;;) {
      const read = readRelation(tokens, j);
      if (!read) break;
      out.push(read.entry);
      j = read.next;
      if (!isPunct(tokens[j], ',')) break;
      j++;
    }
  }
  return out;
}

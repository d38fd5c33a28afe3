import { identifierText, lexSql, type SqlToken } from '../../../../shared/sql/lex';
import { ctesOf, type CteEntry } from './ctes';
import { relationsInScope, type ScopeEntry } from './scope';

/** What the cursor is in the middle of, as far as completion cares. */
export interface CompletionContext {
  /** relation: after FROM/JOIN; member: after `x.`; expression: anywhere else. */
  kind: 'relation' | 'member' | 'expression' | 'none';
  /** The part of the word already typed. */
  prefix: string;
  /** For member: the name parts before the dot (["o"], ["main"], ["main", "orders"]). */
  qualifier: string[];
  scope: ScopeEntry[];
  /** CTEs defined by the statement's WITH clause. */
  ctes: CteEntry[];
}

const RELATION_KEYWORDS = new Set(['from', 'join', 'into', 'update', 'table', 'describe', 'summarize']);
const CLAUSE_KEYWORDS = new Set([
  'select',
  'where',
  'group',
  'order',
  'having',
  'on',
  'using',
  'set',
  'limit',
  'qualify',
  'window',
  'values',
  'by',
]);

/** Analyses `sql` (one statement) with the cursor at `offset`. */
export function completionContext(sql: string, offset: number): CompletionContext {
  const tokens = lexSql(sql);
  const scope = relationsInScope(tokens);
  const ctes = ctesOf(tokens);
  const before = tokens.filter((t) => t.start < offset);
  let last = before[before.length - 1];
  if (last && insideLiteral(last, offset)) return { kind: 'none', prefix: '', qualifier: [], scope, ctes };
  let prefix = '';
  let i = before.length - 1;
  let expectEnd = offset;
  if (last && last.end === offset && (last.kind === 'word' || last.kind === 'quoted')) {
    prefix = identifierText(last).slice(0, offset - last.start - (last.kind === 'quoted' ? 1 : 0));
    expectEnd = last.start;
    i--;
  }
  const qualifier: string[] = [];
  for (;;) {
    const dot = before[i];
    const name = before[i - 1];
    if (!dot || dot.kind !== 'punct' || dot.text !== '.' || dot.end !== expectEnd) break;
    if (!name || (name.kind !== 'word' && name.kind !== 'quoted') || name.end !== dot.start) break;
    qualifier.unshift(identifierText(name));
    expectEnd = name.start;
    i -= 2;
  }
  if (qualifier.length) return { kind: 'member', prefix, qualifier, scope, ctes };
  last = before[i];
  // After AS the user names something new (a column alias, a table alias, a CTE): nothing to offer.
  if (last && last.kind === 'word' && last.text.toLowerCase() === 'as') return { kind: 'none', prefix, qualifier, scope, ctes };
  if (last && last.kind === 'word' && RELATION_KEYWORDS.has(last.text.toLowerCase()))
    return { kind: 'relation', prefix, qualifier, scope, ctes };
  if (last && last.kind === 'punct' && last.text === ',' && inFromList(before, i))
    return { kind: 'relation', prefix, qualifier, scope, ctes };
  return { kind: 'expression', prefix, qualifier, scope, ctes };
}

/** Whether the comma at tokens[i] separates relations of a FROM list. */
function inFromList(tokens: SqlToken[], i: number): boolean {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind === 'punct' && t.text === ')') depth++;
    else if (t.kind === 'punct' && t.text === '(') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && t.kind === 'word') {
      const w = t.text.toLowerCase();
      if (w === 'from') return true;
      if (CLAUSE_KEYWORDS.has(w)) return false;
    }
  }
  return false;
}

/** A cursor inside a comment or string gets no suggestions. */
function insideLiteral(token: SqlToken, offset: number): boolean {
  if (token.kind !== 'comment' && token.kind !== 'string') return false;
  if (offset < token.end) return true;
  if (token.kind === 'comment') return token.text.startsWith('--') || !token.text.endsWith('*/');
  return token.text.length < 2 || !/['$]$/.test(token.text);
}

import { RESERVED_KEYWORDS, UNRESERVED_KEYWORDS, isReserved } from '../../../../shared/sql/duckdb-keywords';
import { quoteIdent } from '../../../../shared/sql/quote';
import { resolveRelation, type CompletionIndex, type IndexedRelation } from './catalog-index';
import { completionContext, type CompletionContext } from './context';

/** One suggestion, independent of Monaco so it can be tested and benchmarked in Node. */
export interface Suggestion {
  label: string;
  kind: 'table' | 'view' | 'gold' | 'column' | 'function' | 'keyword' | 'schema';
  detail: string;
  insertText: string;
  /** Lower sorts first. */
  sortText: string;
}

const COMMON_KEYWORDS = [
  'select',
  'from',
  'where',
  'group by',
  'order by',
  'having',
  'limit',
  'join',
  'left join',
  'on',
  'as',
  'and',
  'or',
  'not',
  'in',
  'is null',
  'is not null',
  'between',
  'like',
  'ilike',
  'case',
  'when',
  'then',
  'else',
  'end',
  'distinct',
  'with',
  'union all',
  'qualify',
  'desc',
  'asc',
  'count(*)',
  'exclude',
  'replace',
];
const KEYWORDS = [...new Set([...COMMON_KEYWORDS, ...RESERVED_KEYWORDS, ...UNRESERVED_KEYWORDS])];
const SIMPLE = /^[a-z_][a-z0-9_]*$/;

/** An identifier as it must be typed: bare when it can be, quoted otherwise. */
export function identifierInsert(name: string): string {
  return SIMPLE.test(name) && !isReserved(name) ? name : quoteIdent(name);
}

function relationSuggestion(r: IndexedRelation, qualify: boolean): Suggestion {
  const { relation } = r;
  const kind = r.gold ? 'gold' : relation.kind;
  const detail = `${r.gold ? 'gold view' : relation.kind} · ${relation.columns.length} columns${relation.rowCount !== null ? ` · ~${relation.rowCount.toLocaleString()} rows` : ''}`;
  const name = identifierInsert(relation.name);
  const insertText = qualify ? `${identifierInsert(relation.schema)}.${name}` : name;
  return {
    label: qualify ? `${relation.schema}.${relation.name}` : relation.name,
    kind,
    detail,
    insertText,
    sortText: `${r.gold ? '0' : '1'}${relation.name}`,
  };
}

function columnSuggestions(r: IndexedRelation, via: string | undefined, rank: string): Suggestion[] {
  return r.relation.columns.map((c) => ({
    label: c.name,
    kind: 'column' as const,
    detail: `${c.type} · ${via ?? r.relation.name}`,
    insertText: identifierInsert(c.name),
    sortText: `${rank}${c.name}`,
  }));
}

/** A CTE as a relation, so aliases and columns work the same for it. */
function cteRelation(ctx: CompletionContext, parts: string[]): IndexedRelation | undefined {
  if (parts.length !== 1) return undefined;
  const cte = ctx.ctes.find((c) => c.name.toLowerCase() === parts[0]!.toLowerCase());
  if (!cte) return undefined;
  return {
    gold: false,
    relation: {
      schema: '',
      name: cte.name,
      kind: 'view',
      rowCount: null,
      columns: cte.columns.map((name) => ({ name, type: 'CTE column', nullable: true })),
    },
  };
}

function resolveInStatement(index: CompletionIndex, ctx: CompletionContext, parts: string[]): IndexedRelation | undefined {
  return cteRelation(ctx, parts) ?? resolveRelation(index, parts);
}

function relationsFor(index: CompletionIndex, ctx: CompletionContext): Suggestion[] {
  const out: Suggestion[] = ctx.ctes.map((c) => ({
    label: c.name,
    kind: 'view' as const,
    detail: `CTE · ${c.columns.length} columns`,
    insertText: identifierInsert(c.name),
    sortText: `0${c.name}`,
  }));
  for (const r of index.relations) out.push(relationSuggestion(r, r.relation.schema !== index.defaultSchema));
  for (const schema of index.bySchema.keys()) {
    if (schema !== index.defaultSchema)
      out.push({ label: schema, kind: 'schema', detail: 'schema', insertText: identifierInsert(schema), sortText: `2${schema}` });
  }
  return filterPrefix(out, ctx.prefix);
}

function membersFor(index: CompletionIndex, ctx: CompletionContext): Suggestion[] {
  const q = ctx.qualifier;
  const lowered = q.map((p) => p.toLowerCase());
  // An alias (or a table named directly) in scope: its columns.
  if (q.length === 1) {
    const entry = ctx.scope.find((s) => (s.alias ?? s.parts[s.parts.length - 1]!).toLowerCase() === lowered[0]);
    const target = entry ? resolveInStatement(index, ctx, entry.parts) : undefined;
    if (target) return filterPrefix(columnSuggestions(target, entry?.alias, '0'), ctx.prefix);
    // A schema: its relations.
    const inSchema = index.bySchema.get(lowered[0]!);
    if (inSchema)
      return filterPrefix(
        inSchema.map((r) => relationSuggestion(r, false)),
        ctx.prefix,
      );
    const direct = resolveRelation(index, q);
    if (direct) return filterPrefix(columnSuggestions(direct, undefined, '0'), ctx.prefix);
    return [];
  }
  const direct = resolveRelation(index, q);
  return direct ? filterPrefix(columnSuggestions(direct, undefined, '0'), ctx.prefix) : [];
}

function expressionFor(index: CompletionIndex, ctx: CompletionContext): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<IndexedRelation>();
  for (const entry of ctx.scope) {
    const r = resolveInStatement(index, ctx, entry.parts);
    if (!r || seen.has(r)) continue;
    seen.add(r);
    out.push(...columnSuggestions(r, entry.alias, '0'));
    if (entry.alias)
      out.push({
        label: entry.alias,
        kind: 'table',
        detail: `alias of ${r.relation.name}`,
        insertText: identifierInsert(entry.alias),
        sortText: `1${entry.alias}`,
      });
  }
  for (const f of index.functions)
    out.push({ label: f.name, kind: 'function', detail: f.signature, insertText: f.name, sortText: `3${f.name}` });
  for (const k of KEYWORDS)
    out.push({ label: k.toUpperCase(), kind: 'keyword', detail: 'keyword', insertText: k.toUpperCase(), sortText: `4${k}` });
  if (seen.size === 0)
    for (const r of index.relations)
      out.push({ ...relationSuggestion(r, r.relation.schema !== index.defaultSchema), sortText: `5${r.relation.name}` });
  return filterPrefix(out, ctx.prefix);
}

function filterPrefix(items: Suggestion[], prefix: string): Suggestion[] {
  if (!prefix) return items;
  const p = prefix.toLowerCase();
  return items.filter((s) => s.label.toLowerCase().includes(p));
}

/**
 * Suggestions for the cursor at `offset` of one statement: tables and views after FROM/JOIN,
 * the columns of an alias after `alias.`, in-scope columns, functions and keywords elsewhere.
 */
export function suggest(index: CompletionIndex, sql: string, offset: number): Suggestion[] {
  const ctx = completionContext(sql, offset);
  if (ctx.kind === 'none') return [];
  if (ctx.kind === 'relation') return relationsFor(index, ctx);
  if (ctx.kind === 'member') return membersFor(index, ctx);
  return expressionFor(index, ctx);
}

import type { Cell } from '../../shared/api';
import type { Intent } from './intent';
import type { SemanticLayer } from './semantic-layer';
import { filterSql, timeSql, type BuildContext, type BuiltQuery } from './sql-builder';
import { anchorOf } from './time-anchor';
import { formatValue } from './answer-sentence';

/** A list of single transactions ("the 5 largest approved payments", "the last 10 declines at X"): ordered by one column, limited. */
export interface RowListing {
  orderBy: string;
  direction: 'asc' | 'desc';
  limit: number;
  /** How the sentence calls the order ("largest", "most recent"). */
  word: string;
  /** Every matching transaction ("list the declined payments over $2,000"), newest first, up to the limit. */
  all?: boolean;
}

const NOUN = '(?:transactions?|payments?|txns?|purchases?|charges?|orders?|authori[sz]ations?|tickets?|sales?|declines|approvals|refusals)';
/** The word that ranks single transactions, and the column and direction it ranks by. */
const RANKS: [RegExp, string, 'asc' | 'desc', string][] = [
  [
    /^(?:largest|biggest|highest[- ]value|highest[- ]amount|most expensive|priciest|costliest|highest|top|largest[- ]value)$/,
    'amount',
    'desc',
    'largest',
  ],
  [/^(?:smallest|cheapest|lowest[- ]value|lowest[- ]amount|least expensive|lowest|tiniest)$/, 'amount', 'asc', 'smallest'],
  [/^(?:latest|last|most recent|newest|recent)$/, 'event_timestamp', 'desc', 'most recent'],
  [/^(?:oldest|earliest|first)$/, 'event_timestamp', 'asc', 'earliest'],
  [/^(?:riskiest|most suspicious|highest[- ]risk|most risky|highest fraud score|highest[- ]scoring)$/, 'fraud_score', 'desc', 'riskiest'],
  [/^(?:slowest|longest)$/, 'processing_latency_ms', 'desc', 'slowest'],
  [/^(?:fastest|quickest)$/, 'processing_latency_ms', 'asc', 'fastest'],
];
const RANK_WORDS = RANKS.map(([re]) => re.source.slice(4, -2)).join('|');
/** "the 5 largest approved ecommerce payments", "biggest single payment", "last 10 declined payments", "top 3 transactions by amount". */
const LISTING = new RegExp(
  `\\b(?:the )?(?:(\\d{1,3}) )?(${RANK_WORDS})(?: (\\d{1,3}))?((?: (?!${NOUN}\\b)[a-z0-9.$-]+){0,4}?) (?:(single|individual|one) )?(${NOUN})\\b`,
  'i',
);
/** What the row itself answers ("which merchant and how much?", "who was it", "when"): the listing shows it. */
const ROW_QUESTIONS =
  /\b(?:(?:and )?(?:which|what) (?:merchant|store|shop|card network|network|card|processor|country|segment|channel)(?: (?:was it|was that|did it|it was))?|(?:and )?how much(?: was it| was that)?|(?:and )?what amount|(?:and )?who(?: was it)?|(?:and )?when(?: was it)?|(?:and )?for how much)\b/gi;
/** A count, a total or an average of them, or a breakdown: an aggregate, not a list. */
const AGGREGATE =
  /\b(?:how many|number of|count|total|sum|average|avg|mean|median|percent|percentage|share|rate|rates|trend|trends|by (?!amount\b|value\b|size\b|fraud score\b)\w+|per|each|breakdown|split)\b/i;
/** "list the declined payments over $2,000", "show me the Visa transactions at Acme Books today": the rows themselves. */
const LIST_ONLY = new RegExp(
  `^(?:please |can you |could you )?(?:list|show(?: me)?|give me|display|pull(?: up)?|fetch|get me|find)(?: all| the| every| any| of)*((?: (?!${NOUN}\\b)[a-z0-9.$,-]+){0,4}?) (${NOUN})\\b`,
  'i',
);
const LIMIT_ALL = 1000;

/** A request to list transactions with no ranking: every match, newest first. */
function readListOnly(text: string): { listing: RowListing; rest: string } | undefined {
  const m = LIST_ONLY.exec(text.trim());
  const noun = (m?.[2] ?? '').toLowerCase();
  if (!m || /^(?:declines|approvals|refusals)$/.test(noun)) return undefined;
  const rest = `${(m[1] ?? '').trim()} transactions ${text.trim().slice(m[0].length)}`.replace(/\s+/g, ' ').trim();
  if (AGGREGATE.test(rest.replace(/\b(?:fraud|risk|velocity) score\b/g, ' '))) return undefined;
  return { listing: { orderBy: 'event_timestamp', direction: 'desc', limit: LIMIT_ALL, word: 'matching', all: true }, rest };
}

/**
 * Reads a request for single transactions: a ranking word directly on a transaction noun, with at most a few
 * describing words between ("the 5 largest approved ecommerce payments"). Returns the listing and the question
 * with the ranking words taken out (its filters are read like any question's).
 */
export function readRowListing(text: string): { listing: RowListing; rest: string } | undefined {
  const m = LISTING.exec(text);
  if (!m) return readListOnly(text);
  const word = (m[2] ?? '').toLowerCase();
  const between = (m[4] ?? '').trim();
  const single = Boolean(m[5]);
  const noun = (m[6] ?? '').toLowerCase();
  // "last 7 days of transactions" is a window; "last month's largest payments" keeps its window in the rest.
  if (/^(?:days?|weeks?|months?|hours?|years?|quarters?)\b/.test(between)) return undefined;
  const said = /^(?:declines|refusals)$/.test(noun)
    ? 'declined transactions'
    : noun === 'approvals'
      ? 'approved transactions'
      : 'transactions';
  const rest = `${text.slice(0, m.index)} ${between} ${said} ${text.slice(m.index + m[0].length)}`
    .replace(ROW_QUESTIONS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const plural = /s$/.test(noun);
  const n = m[1] ?? m[3];
  // "top"/"highest"/"latest" alone before a plural noun with no number are as often a breakdown: only with a number,
  // "single", or a word that can only rank single transactions.
  const strong =
    /^(?:largest|biggest|smallest|most expensive|priciest|costliest|cheapest|riskiest|most recent|latest|newest|oldest|last)/.test(word);
  if (!n && !single && !strong) return undefined;
  if (AGGREGATE.test(rest.replace(/\b(?:fraud|risk|velocity) score\b/g, ' '))) return undefined;
  if (word === 'last' && !n) return undefined;
  // "top 5 declines" ranks decline reasons as often as single declines: only a size or a time ranks declines one by one.
  if (/^(?:declines|approvals|refusals)$/.test(noun) && !strong) return undefined;
  const rank = RANKS.find(([re]) => re.test(word));
  if (!rank) return undefined;
  const limit = n ? Math.max(1, Math.min(Number(n), 1000)) : single || !plural ? 1 : 10;
  return { listing: { orderBy: rank[1], direction: rank[2], limit, word: rank[3] }, rest };
}

/** The columns a listed transaction shows: who, what, how much and how it went, then any column the question filtered on. */
const SHOWN = [
  'transaction_id',
  'event_timestamp',
  'merchant_name',
  'merchant_segment',
  'card_network',
  'channel',
  'processor',
  'amount',
  'is_approved',
  'decline_reason',
  'fraud_score',
];

/** The SQL of a listing: the shown columns of the matching transactions, ordered by the ranking column (the id breaks ties). */
export function rowListSql(intent: Intent, listing: RowListing, layer: SemanticLayer, context: BuildContext = {}): BuiltQuery {
  const anchor = anchorOf(layer, context.newestDate);
  const where = intent.filters.map((f) => filterSql(f, layer, context.enums));
  if (intent.time && intent.time.kind !== 'all') where.push(timeSql(intent.time, layer, anchor));
  const extra = intent.filters.flatMap((f) => (f.kind === 'number' && /^[a-z_]+$/.test(f.column) ? [f.column] : []));
  const columns = [...new Set([...SHOWN, ...extra, listing.orderBy])];
  const lines = [`SELECT ${columns.join(', ')}`, `FROM ${layer.table}`];
  if (where.length > 0) lines.push(`WHERE ${where.join('\n  AND ')}`);
  lines.push(`ORDER BY ${listing.orderBy} ${listing.direction === 'asc' ? 'ASC' : 'DESC'}, transaction_id`, `LIMIT ${listing.limit}`);
  return { sql: lines.join('\n'), dimensionColumns: [], measures: [] };
}

/** "The 5 largest transactions for approved, ecommerce over all data: the first is T123 at Acme Books, $4,210.55." */
export function rowListSentence(listing: RowListing, columns: string[], rows: Cell[][], filters: string, period: string): string {
  const what = listing.all
    ? 'Transactions'
    : `${listing.limit === 1 ? 'The' : `The ${listing.limit}`} ${listing.word} ${listing.limit === 1 ? 'transaction' : 'transactions'}`;
  if (rows.length === 0) return `No rows: no transactions matched${filters} over ${period}.`;
  if (listing.all && rows.length >= listing.limit)
    return `${what}${filters} over ${period}, newest first: the first ${listing.limit} rows.`;
  const first = rows[0] ?? [];
  const cell = (name: string) => first[columns.indexOf(name)] ?? null;
  const at = `${String(cell('transaction_id'))} at ${String(cell('merchant_name'))}, ${formatValue(cell('amount'), 'money')}`;
  if (rows.length === 1) return `${what}${filters} over ${period}${listing.all ? ' (one row)' : ''}: ${at}.`;
  return `${what}${filters} over ${period} (${rows.length} rows): the first is ${at}.`;
}

import type { Filter, Intent } from './intent';
import { buildPhraseIndex, normalise, semanticLayer, type PhraseEntry, type SemanticLayer } from './semantic-layer';
import { extractTime } from './time-phrases';

/** Words that carry no meaning of their own in a question about the data. */
const STOPWORDS = new Set(
  ('a an the of for in on at by per to from with and or vs versus compare comparison compared against between is are was were be been ' +
    'what whats which show me us give list tell see get display find how much our my we i you your it its their there this that these those ' +
    'do does did have has had please can could would will should each all every any across split break down broken out grouped group ' +
    'over during within total overall current currently now so far than more most top bottom highest lowest best worst number ' +
    'value values rate when where happening happened going looks look like just only also same instead then about whose ' +
    'biggest largest smallest least fewest greatest lead leading ranked rank ranking order sorted sort who s use used using uses made').split(' '),
);

/** Words that mark a follow-up that edits the previous question rather than replacing it. */
const FOLLOW_UP_START = /^(and|what about|how about|now|only|same|but|instead|just|also|then|break it down|split it|split by|drill)\b/;

const ORDER_WORDS: Record<string, 'top' | 'bottom' | 'best' | 'worst'> = {
  top: 'top', highest: 'top', most: 'top', largest: 'top', biggest: 'top', greatest: 'top', leading: 'top',
  bottom: 'bottom', lowest: 'bottom', least: 'bottom', fewest: 'bottom', smallest: 'bottom',
  best: 'best', worst: 'worst',
};

/** The parse of one question: what it asked, what it could not place, and whether it reads as a follow-up. */
export interface ParsedQuestion {
  intent: Partial<Intent>;
  unknownWords: string[];
  followUp: boolean;
  replaceGroupBy: boolean;
  why: boolean;
}

const phraseIndex = buildPhraseIndex(semanticLayer);

/** Turns a question into an intent by longest-phrase matching against the semantic layer. */
export function parseQuestion(question: string, layer: SemanticLayer = semanticLayer): ParsedQuestion {
  const text = normalise(question);
  const followUp = FOLLOW_UP_START.test(text);
  const replaceGroupBy = /\b(break (it )?down|split|instead)\b/.test(text);
  const { time, rest } = extractTime(text, layer);
  let working = rest;

  let order: Intent['order'];
  const orderMatch = /\b(top|bottom|highest|lowest|best|worst|most|least|largest|biggest|smallest|fewest|greatest|leading)(?: (\d+))?\b/.exec(working);
  if (orderMatch) {
    const word = ORDER_WORDS[orderMatch[1] ?? 'top'] ?? 'top';
    const n = orderMatch[2] ? Number(orderMatch[2]) : word === 'top' || word === 'bottom' ? (/\b(which|what) \w+ (has|had|is|was)\b/.test(working) ? 1 : 10) : 1;
    order = { direction: word === 'bottom' ? 'asc' : 'desc', limit: Math.max(1, Math.min(n, 1000)), word };
    working = working.replace(orderMatch[0], ' ');
  }
  const why = /^why\b|\bwhy\b/.test(working);

  const tokens = working.split(' ').filter(Boolean);
  const matches: PhraseEntry['target'][] = [];
  const unknownWords: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const candidates = phraseIndex.get(tokens[i] ?? '') ?? [];
    const hit = candidates.find((c) => c.tokens.every((t, k) => tokens[i + k] === t));
    if (hit) {
      matches.push(hit.target);
      i += hit.tokens.length;
      continue;
    }
    const word = tokens[i] ?? '';
    if (!STOPWORDS.has(word) && !/^\d+$/.test(word)) unknownWords.push(word);
    else if (/^\d+$/.test(word)) unknownWords.push(word);
    i += 1;
  }

  const measures: string[] = [];
  const groupBy: string[] = [];
  const filters: Filter[] = [];
  let special: string | undefined;
  let issuerContext = false;
  let impliedMeasure: string | undefined;
  let previous: PhraseEntry['target'] | undefined;
  for (const m of matches) {
    const afterCountry = previous?.kind === 'value' && previous.value.country === true;
    previous = m;
    // "Brazilian merchants" names where the merchants are, not a breakdown by merchant.
    if (m.kind === 'dimension' && m.dimension.id === 'merchant' && afterCountry) continue;
    switch (m.kind) {
      case 'measure':
        measures.push(m.measure.id);
        break;
      case 'composite':
        measures.push(...m.composite.measures);
        break;
      case 'dimension': {
        const id = issuerContext && m.dimension.id === 'merchant_country' ? 'issuer_country' : m.dimension.id;
        if (!groupBy.includes(id)) groupBy.push(id);
        if (m.dimension.impliesMeasure) impliedMeasure = m.dimension.impliesMeasure;
        break;
      }
      case 'value': {
        const dimension = m.value.country && issuerContext ? 'issuer_country' : m.value.dimension;
        const existing = filters.find((f): f is Extract<Filter, { kind: 'values' }> => f.kind === 'values' && f.dimension === dimension);
        if (existing) {
          if (!existing.values.includes(m.value.value)) existing.values.push(m.value.value);
        } else filters.push({ kind: 'values', dimension, values: [m.value.value] });
        break;
      }
      case 'flag':
        if (!filters.some((f) => f.kind === 'flag' && f.flag === m.flag.id)) filters.push({ kind: 'flag', flag: m.flag.id });
        break;
      case 'special':
        special = m.special.id;
        break;
      case 'issuer':
        issuerContext = true;
        break;
      case 'merchant':
        issuerContext = false;
        break;
    }
  }

  // Two or more values of one dimension ("Visa vs Mastercard") is a comparison: group by it.
  for (const f of filters) {
    if (f.kind === 'values' && f.values.length > 1 && !groupBy.includes(f.dimension)) groupBy.unshift(f.dimension);
  }
  // Grouping by a dimension that a value filter also names: the value wins unless compared.
  const finalGroupBy = groupBy.filter((g) => !filters.some((f) => f.kind === 'values' && f.dimension === g && f.values.length === 1));

  return {
    intent: { measures: resolveMeasures(measures, impliedMeasure, filters, layer), groupBy: finalGroupBy, filters, time, order, special },
    unknownWords,
    followUp,
    replaceGroupBy,
    why,
  };
}

/**
 * Settles overlapping measure words: a generic count yields to a specific one ("count of
 * declines"), and a filtered count next to another measure becomes that measure's filter
 * ("value of approved transactions").
 */
function resolveMeasures(found: string[], implied: string | undefined, filters: Filter[], layer: SemanticLayer): string[] {
  let ids = [...new Set(found)];
  const byId = new Map(layer.measures.map((m) => [m.id, m]));
  if (implied && (ids.length === 0 || ids.every((id) => id === 'transactions'))) ids = [implied];
  const isFilteredCount = (id: string) => byId.get(id)?.sql.startsWith('count(*)') && byId.get(id)?.filter;
  if (ids.length > 1 && ids.includes('transactions') && ids.some((id) => id !== 'transactions' && byId.get(id)?.sql.startsWith('count'))) {
    ids = ids.filter((id) => id !== 'transactions');
  }
  if (ids.length > 1 && !ids.every((id) => byId.get(id)?.format === 'count')) {
    for (const id of ids.filter((x) => isFilteredCount(x))) {
      const flag = layer.flags.find((f) => f.sql === byId.get(id)?.filter);
      if (flag && !filters.some((f) => f.kind === 'flag' && f.flag === flag.id)) filters.push({ kind: 'flag', flag: flag.id });
      ids = ids.filter((x) => x !== id);
    }
  }
  if (ids.length > 1 && ids.includes('transactions') && !ids.includes('approval_rate')) {
    ids = ids.filter((id) => id !== 'transactions');
  }
  if (ids.length === 1) {
    // "approval rate of approved transactions" means the rate, not a filter that makes it 100%.
    const redundant: Record<string, string> = { approval_rate: 'approved', decline_rate: 'declined', fraud_rate: 'fraud' };
    const flag = redundant[ids[0] ?? ''];
    const idx = filters.findIndex((f) => f.kind === 'flag' && f.flag === flag);
    if (idx >= 0) filters.splice(idx, 1);
    if (ids[0] === 'approval_rate' && idx >= 0 && ids.length === 1) return ids;
  }
  return ids;
}

/** Which measures a question asks for once its words are matched: overlapping measure words settled, outcome counts and their rates. */
import type { Filter } from './intent';
import type { SemanticLayer } from './semantic-layer';

/** An outcome's count and its rate. */
export const OUTCOME_RATE: Record<string, string> = { approvals: 'approval_rate', declines: 'decline_rate', fraud_count: 'fraud_rate' };

/** Rates and averages: a ranking of them needs a volume floor. */
export function isRatio(id: string, layer: SemanticLayer): boolean {
  const m = layer.measures.find((x) => x.id === id);
  if (m) return m.format === 'pct' || /avg|quantile/.test(m.sql);
  return /^(rate|rateval|avg|q\d)/.test(id);
}

/**
 * Settles overlapping measure words: a generic count yields to a specific one ("count of
 * declines"), and a filtered count named as the population ("average amount of fraud cases")
 * becomes a filter.
 */
export function resolveMeasures(found: string[], population: string[], filters: Filter[], layer: SemanticLayer, listed = false): string[] {
  let ids = [...new Set(found)];
  const byId = new Map(layer.measures.map((m) => [m.id, m]));
  const toFilter = (id: string) => {
    const flag = layer.flags.find((f) => f.sql === byId.get(id)?.filter);
    if (flag && !filters.some((f) => f.kind === 'flag' && f.flag === flag.id)) filters.push({ kind: 'flag', flag: flag.id });
    return Boolean(flag) || !byId.get(id)?.filter;
  };
  for (const id of population) {
    if (ids.length === 0) ids.push(id);
    else if (ids.includes('transactions') && byId.get(id)?.sql.startsWith('count(*)') && ids.length === 1) ids = [id];
    // "number of distinct merchants", "daily count of active merchants": the count is of the merchants, once each.
    else if (ids.length === 1 && ids[0] === 'transactions' && /^count\(DISTINCT /i.test(byId.get(id)?.sql ?? '')) ids = [id];
    // "the number of merchants, transactions and the average amount": a list names each measure, even one after "of".
    else if (listed && !ids.includes(id) && !byId.get(id)?.filter) ids.push(id);
    else if (!toFilter(id)) ids.push(id);
  }
  // "unique merchants that had declines": next to a distinct count, a filtered count says which rows.
  const isDistinct = (id: string) => id.startsWith('distinct:') || /^count\(DISTINCT /i.test(byId.get(id)?.sql ?? '');
  // A list the question spells out ("transactions, declines, avg latency", "how many merchants and how many txns") is kept whole.
  if (listed) return ids;
  if (ids.some(isDistinct)) {
    ids = ids.filter((id) => isDistinct(id) || !(id === 'transactions' || (byId.get(id)?.filter && toFilter(id))));
  }
  // "how much money did we lose to fraud": the plain value yields to the named sum of amounts.
  const namedSum = (id: string) => id !== 'value' && /^round\(sum\(amount\)/.test(byId.get(id)?.sql ?? '') && Boolean(byId.get(id)?.filter);
  if (ids.includes('value') && ids.some(namedSum)) ids = ids.filter((id) => id !== 'value');
  const isCount = (id: string) => byId.get(id)?.sql.startsWith('count') ?? id.startsWith('distinct:');
  if (ids.length > 1 && ids.includes('transactions') && ids.some((id) => id !== 'transactions' && isCount(id)) && !ids.every(isCount)) {
    ids = ids.filter((id) => id !== 'transactions');
  }
  if (
    ids.length > 1 &&
    ids.includes('transactions') &&
    ids.filter((id) => id !== 'transactions').every((id) => isCount(id)) &&
    ids.length === 2
  ) {
    ids = ids.filter((id) => id !== 'transactions');
  }
  if (ids.length === 1) {
    // "approval rate of approved transactions" means the rate, not a filter that makes it 100%.
    const redundant: Record<string, string> = { approval_rate: 'approved', decline_rate: 'declined', fraud_rate: 'fraud' };
    const idx = filters.findIndex((f) => f.kind === 'flag' && f.flag === redundant[ids[0] ?? '']);
    if (idx >= 0 && filters.length > 1) filters.splice(idx, 1);
  }
  return ids;
}

/** Nouns that name the rows themselves: the transaction count only when nothing else is measured. */
export const TRANSACTION_NOUNS = new Set([
  'transactions',
  'transaction',
  'payments',
  'attempts',
  'tickets',
  'orders',
  'purchases',
  'traffic',
  'authorizations',
  'authorisations',
]);

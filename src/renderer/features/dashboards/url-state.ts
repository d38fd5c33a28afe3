import { DateRangePreset } from '../../../shared/dashboards/definition';
import type { Filters } from '../../../shared/dashboards/filters';
import type { RangeChoice } from './dashboards-store';

/** A dashboard view as it can be bookmarked: the range choice and any filter that is set. */
export interface ViewState {
  range?: RangeChoice;
  dateFrom?: string;
  dateTo?: string;
  cardNetwork?: string;
  merchantSegment?: string;
  country?: string;
}

const KEYS = { cardNetwork: 'network', merchantSegment: 'segment', country: 'country' } as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The query part of a dashboard's hash route (`range=last_7_days&network=Visa`); empty when nothing differs from the default. */
export function viewToQuery(range: RangeChoice, filters: Filters, defaultRange: RangeChoice): string {
  const q = new URLSearchParams();
  if (range !== defaultRange) q.set('range', range);
  if (range === 'custom') {
    q.set('from', filters.dateFrom);
    q.set('to', filters.dateTo);
  }
  for (const [key, name] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const value = filters[key];
    if (value !== null) q.set(name, value);
  }
  return q.toString();
}

/** What a bookmarked query asks for; unknown keys and malformed values are ignored (allowlist). */
export function queryToView(query: string): ViewState {
  const q = new URLSearchParams(query);
  const view: ViewState = {};
  const range = q.get('range');
  if (range === 'custom') {
    const from = q.get('from');
    const to = q.get('to');
    if (from && to && ISO.test(from) && ISO.test(to) && from <= to) Object.assign(view, { range: 'custom', dateFrom: from, dateTo: to });
  } else if (range && DateRangePreset.safeParse(range).success) view.range = range as RangeChoice;
  for (const [key, name] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const value = q.get(name);
    if (value && value.length <= 200) view[key] = value;
  }
  return view;
}

/** Splits `#/dashboards/id?x=1` into the route part and its query. */
export function splitHashQuery(hash: string): { path: string; query: string } {
  const at = hash.indexOf('?');
  return at < 0 ? { path: hash, query: '' } : { path: hash.slice(0, at), query: hash.slice(at + 1) };
}

import type { TimeWord } from './semantic-layer';

/** A time window, relative to "today" (the newest event's date) unless absolute. */
export type TimeWindow =
  | (TimeWord & { from?: undefined; to?: undefined })
  | { kind: 'range'; from: string; to: string; label: string }
  | { kind: 'months'; n: number; label: string };

/** One condition: a dimension restricted to values, or a boolean flag. */
export type Filter = { kind: 'values'; dimension: string; values: string[] } | { kind: 'flag'; flag: string };

/** What a question asks, independent of wording; follow-ups edit the previous one. */
export interface Intent {
  measures: string[];
  groupBy: string[];
  filters: Filter[];
  time?: TimeWindow;
  order?: { direction: 'asc' | 'desc'; limit: number; word: string };
  special?: string;
}

/** Flags that cannot both hold; a follow-up with one replaces the other. */
const OPPOSITES: [string, string][] = [
  ['approved', 'declined'],
  ['retry', 'first_attempt'],
  ['cross_border', 'domestic'],
  ['network_token', 'no_network_token'],
  ['three_ds', 'no_three_ds'],
  ['weekend', 'weekday_only'],
];

function opposite(flag: string): string | undefined {
  for (const [a, b] of OPPOSITES) {
    if (a === flag) return b;
    if (b === flag) return a;
  }
  return undefined;
}

/**
 * Applies a follow-up ("and for Mastercard?", "only last week", "break it down by processor")
 * to the previous intent: what the follow-up names replaces the same kind of thing before it.
 */
export function mergeFollowUp(previous: Intent, next: Partial<Intent>, opts: { replaceGroupBy?: boolean } = {}): Intent {
  const filters = [...previous.filters];
  for (const f of next.filters ?? []) {
    const idx = filters.findIndex((old) =>
      f.kind === 'values'
        ? old.kind === 'values' && old.dimension === f.dimension
        : old.kind === 'flag' && (old.flag === f.flag || old.flag === opposite(f.flag)),
    );
    if (idx >= 0) filters.splice(idx, 1, f);
    else filters.push(f);
  }
  // A value filter on the dimension being compared narrows the comparison away.
  let groupBy = previous.groupBy;
  for (const f of next.filters ?? []) {
    if (f.kind === 'values' && f.values.length === 1) groupBy = groupBy.filter((g) => g !== f.dimension);
  }
  if (next.groupBy && next.groupBy.length > 0) {
    groupBy = opts.replaceGroupBy ? next.groupBy : [...groupBy.filter((g) => !next.groupBy?.includes(g)), ...next.groupBy].slice(-2);
  }
  return {
    measures: next.measures && next.measures.length > 0 ? next.measures : previous.measures,
    groupBy,
    filters,
    time: next.time ?? previous.time,
    order: next.order ?? (groupBy.length > 0 ? previous.order : undefined),
    special: undefined,
  };
}

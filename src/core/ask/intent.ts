import type { GoldPlan } from './gold-views';
import type { TimeWord } from './semantic-layer';

/** A time window, relative to "today" (the newest event's date) unless absolute. */
export type TimeWindow =
  | (TimeWord & { from?: undefined; to?: undefined })
  | { kind: 'range'; from: string; to: string; label: string }
  | { kind: 'months'; n: number; label: string }
  | { kind: 'since_md'; month: number; day: number; label: string }
  /** A named month ("in November") or one day of it ("on Dec 1"), in the newest event's year. */
  | { kind: 'in_month'; month: number; day?: number; label: string }
  /** From one month-day to another, both days included ("between Oct 15 and Oct 31"), in the newest event's year. */
  | { kind: 'md_range'; from: [number, number]; to: [number, number]; label: string }
  /** From the newest event's latest given weekday (1 = Monday … 7 = Sunday) on: "since Monday", "since last Thursday". */
  | { kind: 'since_weekday'; weekday: number; label: string }
  /** One day counted back from the newest event's ("the day before that" after "yesterday" is 2 back). */
  | { kind: 'day_back'; back: number; label: string };

/** A numeric column compared with a number, or a range ("over $500", "between 0.5 and 0.8"). */
export interface NumericFilter {
  kind: 'number';
  column: string;
  op: '>' | '>=' | '<' | '<=' | '=' | 'between';
  value: number;
  to?: number;
}

/** One condition: a dimension restricted to values, a boolean flag, or a numeric comparison. */
export type Filter =
  { kind: 'values'; dimension: string; values: string[]; negate?: boolean } | { kind: 'flag'; flag: string } | NumericFilter;

/** Two adjacent periods compared: shown side by side, or as a change (points for rates, percent otherwise). */
export interface PeriodComparison {
  unit: 'day' | 'week' | 'month';
  output: 'split' | 'change' | 'pct_change';
  /** The pair ends yesterday instead of today ("yesterday compared with the day before"). */
  offset?: number;
  /** Days between the two days compared (default 1; 7 = "the same day last week"). */
  lag?: number;
  /** For unit 'week': the length of each of the two periods in days when it is not 7 ("the last 30 days vs the 30 before"). */
  days?: number;
}

/** The query plan of a question: measures × dimensions × filters × time × ordering; follow-ups edit it. */

/** What a question asks, independent of wording; follow-ups edit the previous one. */
export interface Intent {
  /** Measure ids: the layer's own, or composed ones (see measures.ts: `avg:fraud_score`, `q90:processing_latency_ms`, `distinct:merchant_id` …). */
  measures: string[];
  groupBy: string[];
  filters: Filter[];
  time?: TimeWindow;
  /** "What share of X are Y": the measures become the percentage of their rows that meet these conditions. */
  shareOf?: Filter[];
  compare?: PeriodComparison;
  /** `minVolume`: groups with fewer transactions are left out of a ranking (so a 3-transaction merchant is never "the worst"). */
  order?: { direction: 'asc' | 'desc'; limit: number; word: string; minVolume?: number; volumeStated?: boolean };
  special?: string;
  /** "fell more than 5 points": the size of the change a special question's rows must exceed (percentage points). */
  specialMin?: number;
  /** A threshold on a rate per group ("days with approval rate below 87%"); `count` counts the groups that meet it. */
  having?: { measure: string; op: '>' | '>=' | '<' | '<=' | '='; value: number; count: boolean };
  /** A question about a gold view's own measure ("potential recovery value", "active alerts by severity"). */
  gold?: GoldPlan;
}

/** Dimensions that are a time grain. */
export const TIME_DIMENSIONS = new Set(['event_date', 'event_hour', 'hour_ts', 'week', 'month', 'day_of_week']);

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
        : f.kind === 'number'
          ? old.kind === 'number' && old.column === f.column
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
  let order = next.order ?? previous.order;
  if (next.groupBy && next.groupBy.length > 0) {
    // "now by week": a new time grain replaces the old one; "break it down by X" adds X and shows every group.
    const newTime = next.groupBy.some((g) => TIME_DIMENSIONS.has(g));
    const kept = groupBy.filter((g) => !next.groupBy?.includes(g) && !(newTime && TIME_DIMENSIONS.has(g)));
    groupBy = opts.replaceGroupBy ? next.groupBy : [...kept, ...next.groupBy].slice(-2);
    if (!next.order) order = undefined;
  }
  return {
    measures: next.measures && next.measures.length > 0 ? next.measures : previous.measures,
    groupBy,
    filters,
    time: next.time ?? previous.time,
    shareOf: next.shareOf ?? previous.shareOf,
    compare: next.compare ?? previous.compare,
    order: groupBy.length > 0 ? order : undefined,
    special: undefined,
  };
}

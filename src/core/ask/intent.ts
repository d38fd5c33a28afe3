import type { GoldPlan } from './gold-views';
import type { RowListing } from './row-list';
import type { TimeWord } from './semantic-layer';

/** A day named by a rule ("Black Friday": the day after the fourth Thursday of November), found in the newest event's year. */
export interface NthWeekday {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  n: number;
  plus: number;
}

/** The day of the month an `NthWeekday` falls on in `year`. */
export function nthWeekdayDay(month: number, rule: NthWeekday, year: number): number {
  const dow = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  return 1 + ((rule.weekday - 1 - dow + 7) % 7) + 7 * (rule.n - 1) + rule.plus;
}

/** A time window, relative to "today" (the newest event's date) unless absolute. */
export type TimeWindow =
  | (TimeWord & { from?: undefined; to?: undefined })
  | { kind: 'range'; from: string; to: string; label: string }
  | { kind: 'months'; n: number; label: string }
  | { kind: 'since_md'; month: number; day: number; label: string }
  /** A named month ("in November") or one day of it ("on Dec 1"), in the newest event's year. */
  | { kind: 'in_month'; month: number; day?: number; label: string; nth?: NthWeekday }
  /** From one month-day to another, both days included ("between Oct 15 and Oct 31"), in the newest event's year. */
  | { kind: 'md_range'; from: [number, number]; to: [number, number]; label: string }
  /**
   * From the newest event's latest given weekday (1 = Monday … 7 = Sunday) on: "since Monday", "since last Thursday";
   * with `weeksBack`, the same days that many weeks earlier ("the same days the previous week").
   */
  | { kind: 'since_weekday'; weekday: number; label: string; weeksBack?: number }
  /** One day counted back from the newest event's ("the day before that" after "yesterday" is 2 back). */
  | { kind: 'day_back'; back: number; label: string }
  /** Days `from` to `to` back from the newest event's, both included ("the two weeks before that": 27 to 14 back). */
  | { kind: 'day_span'; from: number; to: number; label: string }
  /** The calendar week (Monday to Sunday) before the newest event's: "all of last week", "last full week". */
  | { kind: 'prev_week'; label: string }
  /** Up to a month-day of the newest event's year: "before Nov 20" (excluded), "until Nov 20" (`inclusive`). */
  | { kind: 'until_md'; month: number; day: number; inclusive?: boolean; label: string }
  /**
   * The same calendar days `months` months earlier: one day ("the same date a month ago", `back` days before the
   * newest first) or, with `mtd`, the first of that month up to the same day ("the same days of last month").
   */
  | { kind: 'month_back'; months: number; back?: number; mtd?: boolean; label: string };

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

/** One of two compared periods: its window and the short label its row or column carries ("Nov 1-15", "today"). */
export interface ComparedPeriod {
  time: TimeWindow;
  label: string;
}

/**
 * Two periods compared: one row per period (`split`), one column per period next to a breakdown (`columns`), or
 * the later minus the earlier (`change`: points for rates) or that difference as a percent of the earlier (`pct_change`).
 */
export interface PeriodComparison {
  unit: 'day' | 'week' | 'month';
  output: 'split' | 'change' | 'pct_change' | 'columns';
  /** Named periods ("the final week of November vs the first"), the later first; without them `unit` names the pair. */
  periods?: [ComparedPeriod, ComparedPeriod];
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
  /** "newest month first": a time series listed from its latest period back. */
  newestFirst?: boolean;
  special?: string;
  /** "fell more than 5 points": the size of the change a special question's rows must exceed (percentage points). */
  specialMin?: number;
  /** "top 5 merchants whose approval rate improved the most": how many of a special question's rows to show. */
  specialLimit?: number;
  /** "merchants with 1000+ txns": the least transactions a special question's rows must have. */
  specialVolume?: number;
  /** "how many merchants …": the number of a special question's rows. */
  specialCount?: boolean;
  /** A threshold on a rate per group ("days with approval rate below 87%"); `count` counts the groups that meet it. */
  having?: { measure: string; op: '>' | '>=' | '<' | '<=' | '='; value: number; count: boolean };
  /** A question about a gold view's own measure ("potential recovery value", "active alerts by severity"). */
  gold?: GoldPlan;
  /** "share of approved value from our 5 biggest merchants": the ranked groups' shares added up, one number. */
  topShare?: boolean;
  /** A list of single transactions ("the 5 largest approved payments"): ordered, limited rows instead of measures. */
  rows?: RowListing;
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

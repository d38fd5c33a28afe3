import type { SemanticLayer } from './semantic-layer';
import { dateLiteral } from '../../shared/sql/quote';

export type CalendarUnit = 'week' | 'month' | 'quarter' | 'year';

/**
 * "Today" for time windows: the newest event date. Read before the SQL is written, it is a
 * literal (`DATE '2026-12-05'`) and so are the starts of its week, month, quarter and year:
 * DuckDB compares a DATE column with a DATE constant inside the scan and skips the row groups
 * outside it. Unknown (a warehouse), it is a `(SELECT max(event_date) …)` subquery as before.
 */
export interface Anchor {
  today: string;
  /** The newest date and its calendar starts are DATE literals. */
  literal: boolean;
  /** The first day of the newest date's week (Monday), month, quarter or year, or of the one `back` units before. */
  start(unit: CalendarUnit, back?: number): string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of `unit` holding `day` (UTC calendar dates; weeks start on Monday, as DuckDB's date_trunc). */
export function calendarStart(day: string, unit: CalendarUnit, back = 0): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`Not a date: ${day}`);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (unit === 'week') return iso(new Date(Date.UTC(y, m, d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * back)));
  if (unit === 'month') return iso(new Date(Date.UTC(y, m - back, 1)));
  if (unit === 'quarter') return iso(new Date(Date.UTC(y, m - (m % 3) - 3 * back, 1)));
  return iso(new Date(Date.UTC(y - back, 0, 1)));
}

export function anchorOf(layer: SemanticLayer, newestDate?: string): Anchor {
  const date = layer.dateColumn;
  if (newestDate) {
    return { today: dateLiteral(newestDate), literal: true, start: (unit, back = 0) => dateLiteral(calendarStart(newestDate, unit, back)) };
  }
  return {
    today: `(SELECT max(${date}) FROM ${layer.table})`,
    literal: false,
    start: (unit, back = 0) => `(SELECT date_trunc('${unit}', max(${date})) FROM ${layer.table})${back ? ` - ${STEP[unit](back)}` : ''}`,
  };
}

const STEP: Record<CalendarUnit, (n: number) => string> = {
  week: (n) => `INTERVAL ${7 * n} DAY`,
  month: (n) => `INTERVAL ${n} MONTH`,
  quarter: (n) => `INTERVAL ${3 * n} MONTH`,
  year: (n) => `INTERVAL ${n} YEAR`,
};

import type { Cell } from '../../shared/api';
import type { Measure } from './semantic-layer';

/** What a sentence about two named periods needs: the measures, rows and how each period is described with its dates. */
export interface PeriodSentenceInput {
  output: 'split' | 'change' | 'pct_change' | 'columns';
  /** Short labels, the later period first ("Nov 24-30", "Nov 1-7"): the values of the period column of a split. */
  labels: [string, string];
  /** The same periods described with their dates ("November (2026-11-01 to 2026-11-30)"). */
  described: [string, string];
  measures: Measure[];
  rows: Cell[][];
  dimCount: number;
  /** Labels of the breakdown, for `columns` ("decline reason"). */
  dimLabels: string[];
  filters: string;
  format: (value: Cell, m: Measure | undefined, unit?: 'pp' | 'pct') => string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const num = (c: Cell) => (typeof c === 'number' ? c : Number(c));

/** "up", "down" or "unchanged", from the sign of a change. */
const direction = (n: number) => (n > 0 ? 'up' : n < 0 ? 'down' : 'unchanged');

/**
 * One sentence for two named periods: both named with their dates, each value with its period, and the direction of
 * the later against the earlier ("Approval rate, today (2026-12-05) against yesterday (2026-12-04): 87.34% today, up
 * from 86.98% yesterday."). Every number it states is a value of the rows.
 */
export function periodSentence(p: PeriodSentenceInput): string | undefined {
  const [later, earlier] = p.described;
  const what = p.measures.map((m) => m.label).join(' and ');
  const head = `${cap(what)}${p.filters}, ${later} against ${earlier}`;
  if (p.rows.length === 0) return undefined;
  if (p.output === 'change' || p.output === 'pct_change') {
    if (p.dimCount > 0) return undefined;
    const row = p.rows[0] ?? [];
    const parts = p.measures.map((m, k) => {
      const v = num(row[k] ?? null);
      const unit = p.output === 'pct_change' ? 'pct' : m.format === 'pct' ? 'pp' : undefined;
      if (!Number.isFinite(v)) return `${p.measures.length > 1 ? `${m.label} ` : ''}no value`;
      const shown = p.format(Math.abs(v), m, unit).replace(/^\+/, '');
      return `${p.measures.length > 1 ? `${m.label} ` : ''}${direction(v)}${v === 0 ? '' : ` ${shown}`}`;
    });
    return `${head}: ${parts.join(', ')}.`;
  }
  if (p.output === 'split') {
    // The period column is the first; a day pair also has the date next to it.
    const byLabel = (label: string) => p.rows.find((r) => r[0] === label);
    const now = byLabel(p.labels[0]);
    const then = byLabel(p.labels[1]);
    if (!now || !then || p.rows.length !== 2) return undefined;
    const parts = p.measures.map((m, k) => {
      const a = now[p.dimCount + k] ?? null;
      const b = then[p.dimCount + k] ?? null;
      const move = num(a) > num(b) ? 'up from' : num(a) < num(b) ? 'down from' : 'the same as';
      return `${p.format(a, m)} ${p.labels[0]}${p.measures.length > 1 ? ` (${m.label})` : ''}, ${move} ${p.format(b, m)} ${p.labels[1]}`;
    });
    return `${head}: ${parts.join('; ')}.`;
  }
  // One column per period next to a breakdown: the first row's two values, earlier then later.
  const first = p.rows[0] ?? [];
  const name = first
    .slice(0, p.dimCount)
    .map((c) => String(c ?? 'none'))
    .join(' / ');
  const m = p.measures[0];
  const before = first[p.dimCount] ?? null;
  const after = first[p.dimCount + 1] ?? null;
  const move = num(after) > num(before) ? 'rising' : num(after) < num(before) ? 'falling' : 'unchanged';
  return `${cap(what)} by ${p.dimLabels.join(' and ')}${p.filters}, ${earlier} next to ${later}: ${name} first with ${p.format(before, m)} then ${p.format(after, m)} (${move}), ${p.rows.length} rows.`;
}

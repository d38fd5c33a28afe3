import type { Cell, Column } from '../../shared/api';
import type { Filter, Intent } from './intent';
import type { Measure, SemanticLayer } from './semantic-layer';
import { periodSentence } from './period-sentence';

/** A big number with its unit: 1.23M, 45.6K (counts and money); smaller ones in full. */
function compact(n: number, digits: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  return n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** Formats a measure's value the way a reader expects: 87.23%, 1,234, $1.23M, 120.5 ms. */
export function formatValue(value: Cell, format: Measure['format'] | undefined, unit?: 'pp' | 'pct'): string {
  if (value === null || value === undefined) return 'no value';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const grouped = (digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
  if (unit === 'pp') return `${n > 0 ? '+' : ''}${grouped(2)} pp`;
  if (unit === 'pct') return `${n > 0 ? '+' : ''}${grouped(2)}%`;
  switch (format) {
    case 'pct':
      return `${grouped(2)}%`;
    case 'money':
      return `$${compact(n, 2)}`;
    case 'ms':
      return `${grouped(2)} ms`;
    case 'count':
      return compact(n, 0);
    default:
      return grouped(4);
  }
}

const OPS: Record<string, string> = { '>': 'over', '>=': 'at least', '<': 'under', '<=': 'at most', '=': 'equal to' };

/** "for Visa and Mastercard, declined, amount over 500" (empty when unfiltered). */
export function describeFilters(filters: Filter[], layer: SemanticLayer): string {
  const parts = filters.map((f) => {
    if (f.kind === 'flag') return layer.flags.find((x) => x.id === f.flag)?.label ?? f.flag;
    if (f.kind === 'number') {
      const col = f.column.replace(/_/g, ' ');
      return f.op === 'between' ? `${col} between ${f.value} and ${f.to}` : `${col} ${OPS[f.op]} ${f.value}`;
    }
    const dim = layer.dimensions.find((d) => d.id === f.dimension);
    const values = `${f.negate ? 'not ' : ''}${f.values.join(' and ')}`;
    return dim && /country|currency|segment|risk|reason|outcome|bucket|merchant/.test(dim.id) ? `${dim.label} ${values}` : values;
  });
  return parts.length > 0 ? ` for ${parts.join(', ')}` : '';
}

export interface SentenceInput {
  intent: Intent;
  measures: Measure[];
  columns: Column[];
  rows: Cell[][];
  period: string;
  layer: SemanticLayer;
  timeColumn?: string;
  dimensionColumns?: string[];
  /** Two named periods compared, described with their dates, the later first. */
  periods?: [string, string];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * One sentence written from the plan that ran and the rows it returned: what was measured,
 * for what, over which period, and the headline value or the named top row. Every number in
 * it is a value of the rows, and a ranking names the first row.
 */
export function answerSentence(input: SentenceInput): string {
  const { intent, measures, rows, period, layer } = input;
  const change = intent.compare && intent.compare.output !== 'split' ? intent.compare.output : undefined;
  const unitOf = (m: Measure | undefined) =>
    change === 'change' ? (m?.format === 'pct' ? 'pp' : undefined) : change === 'pct_change' ? 'pct' : undefined;
  const label = measures.map((m) => (change ? `change in ${m.label}` : m.label)).join(' and ');
  const filters = describeFilters(intent.filters, layer);
  const dimCount = input.dimensionColumns?.length ?? intent.groupBy.length;
  const dims = input.dimensionColumns ?? intent.groupBy;
  const fmt = (row: Cell[] | undefined, k = 0) => formatValue(row?.[dimCount + k] ?? null, measures[k]?.format, unitOf(measures[k]));
  const dimLabelsOf = (ids: string[]) =>
    ids.map((id) => layer.dimensions.find((d) => d.id === id || d.column === id || d.alias === id)?.label ?? id.replace(/_/g, ' '));
  const named = intent.compare?.periods;
  if (named && input.periods) {
    const said = periodSentence({
      output: intent.compare?.output ?? 'split',
      labels: [named[0].label, named[1].label],
      described: input.periods,
      measures,
      rows,
      dimCount,
      dimLabels: dimLabelsOf(dims),
      filters,
      format: (v, m, unit) => formatValue(v, m?.format, unit),
    });
    if (said) return said;
  }
  const within =
    named && input.periods
      ? ` (${input.periods[0]} against ${input.periods[1]})`
      : intent.compare
        ? ` (${intent.compare.unit === 'day' ? ((intent.compare.lag ?? 1) > 1 ? 'day against the same day a week before' : 'day against the day before') : intent.compare.days ? `the last ${intent.compare.days} days against the ${intent.compare.days} days before` : `this ${intent.compare.unit} against the previous one`})`
        : ` over ${period}`;
  const floor = intent.order?.minVolume
    ? ` (counting only groups with at least ${intent.order.minVolume.toLocaleString('en-US')} transactions)`
    : '';
  const empty = rows.length === 0 || (dimCount === 0 && rows.length === 1 && (rows[0] ?? []).every((c) => c === null));
  if (empty) return `No rows: no transactions matched${filters}${within}, so there is no ${label} to show.`;
  if (dimCount === 0) {
    const values = measures.map((m, k) => (measures.length === 1 ? fmt(rows[0], k) : `${m.label} ${fmt(rows[0], k)}`)).join(', ');
    return `${cap(label)}${filters}${within}: ${values}.`;
  }
  const name = (row: Cell[] | undefined) => (row ? dims.map((_, k) => String(row[k] ?? 'none')).join(' / ') : '');
  const first = rows[0];
  const last = rows[rows.length - 1];
  const dimLabels = dims.map(
    (id) => layer.dimensions.find((d) => d.id === id || d.column === id || d.alias === id)?.label ?? id.replace(/_/g, ' '),
  );
  if (input.timeColumn && dimCount === 1 && !intent.order) {
    return `${cap(label)} by ${dimLabels[0]}${filters}${within}: ${fmt(first)} on ${name(first)} and ${fmt(last)} on ${name(last)} (${rows.length} points).`;
  }
  if (intent.order) {
    const values = rows.map((r) => Number(r[dimCount] ?? NaN));
    const isMax = values[0] === Math.max(...values);
    const extreme =
      rows.length === 1
        ? intent.order.direction === 'asc' || intent.order.word === 'worst'
          ? 'lowest'
          : 'highest'
        : isMax
          ? 'highest'
          : 'lowest';
    const what = `${change ? `change in ${measures[0]?.label}` : (measures[0]?.label ?? label)}`;
    if (rows.length === 1 || intent.order.limit === 1)
      return `${name(first)} has the ${extreme} ${what}${filters}${within}${floor}: ${fmt(first)}.`;
    const heading = `${cap(intent.order.direction === 'asc' ? 'bottom' : 'top')} ${rows.length} ${dimLabels.join(' and ')}`;
    return `${heading} by ${what}${filters}${within}${floor}: ${name(first)} has the ${extreme} with ${fmt(first)}.`;
  }
  if (rows.length === 1) return `${cap(label)} by ${dimLabels.join(' and ')}${filters}${within}: ${name(first)} ${fmt(first)}.`;
  const sorted = [...rows].sort((a, b) => Number(b[dimCount] ?? 0) - Number(a[dimCount] ?? 0));
  const top = sorted[0];
  const bottom = sorted[sorted.length - 1];
  const range = `highest ${name(top)} (${fmt(top)}), lowest ${name(bottom)} (${fmt(bottom)})`;
  return `${cap(label)} by ${dimLabels.join(' and ')}${filters}${within}: ${range}, ${rows.length} rows.`;
}

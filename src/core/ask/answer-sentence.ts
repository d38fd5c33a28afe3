import type { Cell, Column } from '../../shared/api';
import type { Filter, Intent } from './intent';
import type { Measure, SemanticLayer } from './semantic-layer';

/** Formats a measure's value the way a reader expects: 87.23%, 1,234, 1,234.56, 120.5 ms. */
export function formatValue(value: Cell, format: Measure['format'] | undefined): string {
  if (value === null || value === undefined) return 'no value';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const grouped = (digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
  switch (format) {
    case 'pct':
      return `${grouped(2)}%`;
    case 'money':
      return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'ms':
      return `${grouped(1)} ms`;
    case 'count':
      return grouped(0);
    default:
      return grouped(4);
  }
}

/** "for Visa and Mastercard, declined, merchant country BR" (empty when unfiltered). */
export function describeFilters(filters: Filter[], layer: SemanticLayer): string {
  const parts = filters.map((f) => {
    if (f.kind === 'flag') return layer.flags.find((x) => x.id === f.flag)?.label ?? f.flag;
    const dim = layer.dimensions.find((d) => d.id === f.dimension);
    const values = f.values.join(' and ');
    return dim && /country|currency|segment|risk|reason|outcome|bucket/.test(dim.id) ? `${dim.label} ${values}` : values;
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
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One sentence saying what was answered, over which period, and the headline number. */
export function answerSentence(input: SentenceInput): string {
  const { intent, measures, rows, period, layer } = input;
  const label = measures.map((m) => m.label).join(' and ');
  const filters = describeFilters(intent.filters, layer);
  const dims = intent.groupBy.map((id) => layer.dimensions.find((d) => d.id === id)?.label ?? id);
  const dimCount = dims.length;
  const fmt = (row: Cell[] | undefined, k = 0) => formatValue(row?.[dimCount + k] ?? null, measures[k]?.format);
  if (rows.length === 0) return `No transactions matched${filters} over ${period}.`;
  if (dimCount === 0) {
    const values = measures.map((m, k) => (measures.length === 1 ? fmt(rows[0], k) : `${m.label} ${fmt(rows[0], k)}`)).join(', ');
    return `${cap(label)}${filters} over ${period}: ${values}.`;
  }
  const name = (row: Cell[] | undefined) => (row ? intent.groupBy.map((_, k) => String(row[k] ?? 'none')).join(' / ') : '');
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (input.timeColumn && dimCount === 1) {
    return `${cap(label)} by ${dims[0]}${filters} over ${period}: ${fmt(first)} on ${name(first)} and ${fmt(last)} on ${name(last)} (${rows.length} points).`;
  }
  if (intent.order) {
    const ranked = `${intent.order.word === 'bottom' || intent.order.word === 'worst' ? 'Bottom' : 'Top'} ${intent.order.limit}`;
    if (rows.length === 1) return `${name(first)} has the ${intent.order.word === 'worst' || intent.order.word === 'bottom' ? 'lowest' : 'highest'} ${measures[0]?.label ?? label}${filters} over ${period}: ${fmt(first)}.`;
    return `${ranked} ${dims.join(' and ')} by ${measures[0]?.label ?? label}${filters} over ${period}: ${name(first)} first with ${fmt(first)}.`;
  }
  if (rows.length === 1) return `${cap(label)} by ${dims.join(' and ')}${filters} over ${period}: ${name(first)} ${fmt(first)}.`;
  const sorted = [...rows].sort((a, b) => Number(b[dimCount] ?? 0) - Number(a[dimCount] ?? 0));
  return `${cap(label)} by ${dims.join(' and ')}${filters} over ${period}: highest ${name(sorted[0])} (${fmt(sorted[0])}), lowest ${name(sorted[sorted.length - 1])} (${fmt(sorted[sorted.length - 1])}), ${rows.length} rows.`;
}

import type { ValueFormat } from './definition';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A cell as a person reads it in a widget. */
export function formatValue(value: unknown, format: ValueFormat | undefined, options: { compact?: boolean } = {}): string {
  if (value === null || value === undefined) return '—';
  if (format === 'date') return formatDateish(String(value));
  if (format === 'text' || typeof value === 'boolean') return String(value);
  const n = toNumber(value);
  if (n === undefined) return String(value);
  switch (format) {
    case 'integer':
      return options.compact && Math.abs(n) >= 10_000 ? compact.format(n) : int.format(n);
    case 'percent':
      return `${num.format(n)}%`;
    case 'pp':
      return `${n > 0 ? '+' : ''}${num.format(n)} pp`;
    case 'currency':
      if (options.compact && Math.abs(n) >= 1_000) return `$${compact.format(n)}`;
      return options.compact ? `$${int.format(n)}` : `$${money.format(n)}`;
    case 'ms':
      return `${num.format(n)} ms`;
    case 'score':
      return n.toFixed(4);
    default:
      return options.compact && Math.abs(n) >= 10_000 ? compact.format(n) : num.format(n);
  }
}

/** Dates as YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM. */
export function formatDateish(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(text);
  if (!m) return text;
  return m[2] && m[2] !== '00:00' ? `${m[1]} ${m[2]}` : m[1]!;
}

/** Short axis label: MM-DD for dates, HH:MM for timestamps within a day. */
export function formatAxisDate(text: string): string {
  const m = /^\d{4}-(\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(text);
  if (!m) return text;
  return m[2] && m[2] !== '00:00' ? m[2] : m[1]!;
}

export interface Change {
  /** Text such as "+1.2%" or "−0.35 pp". */
  text: string;
  direction: 'up' | 'down' | 'flat';
  /** Whether the change is good news, given which way is better. */
  good: boolean | undefined;
}

/** The change of a counter against the previous period: percentage points for rates, percent otherwise. */
export function describeChange(
  current: unknown,
  previous: unknown,
  format: ValueFormat | undefined,
  higherIsBetter = true,
): Change | undefined {
  const c = toNumber(current);
  const p = toNumber(previous);
  if (c === undefined || p === undefined) return undefined;
  const points = format === 'percent' || format === 'pp';
  const delta = points ? c - p : p === 0 ? (c === 0 ? 0 : Infinity) : ((c - p) / Math.abs(p)) * 100;
  if (!Number.isFinite(delta)) return { text: 'new', direction: 'up', good: undefined };
  const direction = Math.abs(delta) < 0.005 ? 'flat' : delta > 0 ? 'up' : 'down';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const text = `${sign}${num.format(Math.abs(delta))}${points ? ' pp' : '%'}`;
  return { text, direction, good: direction === 'flat' ? undefined : (direction === 'up') === higherIsBetter };
}

import { z } from 'zod';
import { DateRangePreset, FILTER_PARAMS, type FilterParam } from './definition';
import { quoteLiteral } from '../sql/quote';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD.');

/** The global filters of a dashboard: a date range plus three optional dimensions (null = all). */
export const Filters = z
  .object({
    dateFrom: IsoDate,
    dateTo: IsoDate,
    cardNetwork: z.string().nullable(),
    merchantSegment: z.string().nullable(),
    country: z.string().nullable(),
    /** Values of the dashboard's own parameters (imported Lakeview ones), by bound name; absent = the default. */
    parameters: z.record(z.string(), z.string().nullable()).optional(),
  })
  .strict();
export type Filters = z.infer<typeof Filters>;

/** What a data set offers to filter on (read from silver, or from a bundle's metadata). */
export const FilterOptions = z.object({
  minDate: IsoDate.nullable(),
  maxDate: IsoDate.nullable(),
  /** The newest event's timestamp, so today's unfinished day can be drawn as partial. */
  newestEvent: z.string().nullable().optional(),
  cardNetworks: z.array(z.string()),
  merchantSegments: z.array(z.string()),
  countries: z.array(z.string()),
});
export type FilterOptions = z.infer<typeof FilterOptions>;

const DAY = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** A preset date range, anchored at the newest event (not the wall clock), per the spec. */
export function presetRange(
  preset: DateRangePreset,
  options: Pick<FilterOptions, 'minDate' | 'maxDate'>,
): { dateFrom: string; dateTo: string } {
  const to = options.maxDate ?? new Date().toISOString().slice(0, 10);
  if (preset === 'all') return { dateFrom: options.minDate ?? to, dateTo: to };
  const days = { last_1_day: 1, last_7_days: 7, last_30_days: 30, last_90_days: 90 }[preset];
  return { dateFrom: addDays(to, -(days - 1)), dateTo: to };
}

export function defaultFilters(preset: DateRangePreset, options: Pick<FilterOptions, 'minDate' | 'maxDate'>): Filters {
  return { ...presetRange(preset, options), cardNetwork: null, merchantSegment: null, country: null };
}

/** The SQL parameter values for a filter state; the previous period is the same length, just before. */
export function filterParams(filters: Filters): Record<FilterParam, string | null> {
  const length = daysBetween(filters.dateFrom, filters.dateTo) + 1;
  return {
    date_from: filters.dateFrom,
    date_to: filters.dateTo,
    prev_from: addDays(filters.dateFrom, -length),
    prev_to: addDays(filters.dateFrom, -1),
    card_network: filters.cardNetwork,
    merchant_segment: filters.merchantSegment,
    country: filters.country,
  };
}

/** The `$name` parameters a statement uses (DuckDB refuses values for names it does not use). */
export function referencedParams(sql: string): string[] {
  const names = new Set<string>();
  for (const m of stripLiterals(sql).matchAll(/\$([A-Za-z_]\w*)/g)) names.add(m[1]!);
  return [...names];
}

/** Only the parameters `sql` uses, taken from `all`; unknown names are reported. */
export function pickParams(
  sql: string,
  all: Record<string, string | number | boolean | null>,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const name of referencedParams(sql)) {
    if (!(name in all))
      throw new Error(`The SQL uses the parameter $${name}, which no filter provides (known: ${Object.keys(all).join(', ')}).`);
    out[name] = all[name]!;
  }
  return out;
}

/** Which global filters a dataset ignores, so the widget can say so. */
export function unfilteredBy(sql: string): string[] {
  const used = new Set(referencedParams(sql));
  const missing: string[] = [];
  if (!used.has('date_from') && !used.has('date_to')) missing.push('date range');
  if (!used.has('card_network')) missing.push('card network');
  if (!used.has('merchant_segment')) missing.push('merchant segment');
  if (!used.has('country')) missing.push('country');
  return missing;
}

/** A SQL string literal (for showing a runnable copy of a dataset in the SQL editor). */
export function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quoteLiteral(value);
}

/**
 * The dataset with its parameters written in as literals, for the SQL editor. Date parameters
 * become DATE literals. The dashboard itself always runs the parameterised form.
 */
const DATE_PARAMS = new Set<string>(FILTER_PARAMS.filter((p) => p.startsWith('date') || p.startsWith('prev')));

export function inlineParams(sql: string, values: Record<string, string | number | boolean | null>): string {
  return replaceOutsideLiterals(sql, /\$([A-Za-z_]\w*)/g, (name) => {
    if (!(name in values)) return `$${name}`;
    const v = values[name]!;
    return DATE_PARAMS.has(name) && typeof v === 'string' ? `DATE ${sqlLiteral(v)}` : sqlLiteral(v);
  });
}

/** Replaces matches outside quoted strings and comments. */
export function replaceOutsideLiterals(sql: string, pattern: RegExp, replace: (name: string) => string): string {
  let out = '';
  for (const part of splitLiterals(sql)) out += part.literal ? part.text : part.text.replace(pattern, (_m, name: string) => replace(name));
  return out;
}

function stripLiterals(sql: string): string {
  return splitLiterals(sql)
    .map((p) => (p.literal ? ' ' : p.text))
    .join('');
}

function splitLiterals(sql: string): { text: string; literal: boolean }[] {
  const parts: { text: string; literal: boolean }[] = [];
  const re = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;
  let last = 0;
  for (const m of sql.matchAll(re)) {
    if (m.index > last) parts.push({ text: sql.slice(last, m.index), literal: false });
    parts.push({ text: m[0], literal: true });
    last = m.index + m[0].length;
  }
  if (last < sql.length) parts.push({ text: sql.slice(last), literal: false });
  return parts;
}

export const DateRangePresets = DateRangePreset.options;

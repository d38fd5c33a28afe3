import type { DashboardParameter } from './definition';
import { addDays } from './filters';

/*
 * A dashboard's own parameters (imported from Lakeview) at run time: the bound names a parameter
 * fills, its default resolved against the newest data date, and the typed value DuckDB receives.
 */

/** The `$names` a parameter binds: `kw`, or `kw_min` and `kw_max` for a range. */
export function boundNames(p: DashboardParameter): string[] {
  return p.range ? [`${p.keyword}_min`, `${p.keyword}_max`] : [p.keyword];
}

const RELATIVE = /^now(?:\s*([+-])\s*(\d+)\s*([dwMy]))?(?:\/[dwMy])?$/;

/**
 * A Lakeview dynamic date (`now`, `now-7d/d`, `now-1M/d`) as a date, with "now" taken as the
 * newest data date (the same anchor as the date presets). Other values pass through.
 */
export function resolveDefault(value: string | null, today: string): string | null {
  if (value === null) return null;
  const m = RELATIVE.exec(value.trim());
  if (!m) return value;
  const n = Number(m[2] ?? 0) * (m[1] === '-' ? -1 : 1);
  const days = { d: 1, w: 7, M: 30, y: 365 }[(m[3] ?? 'd') as 'd' | 'w' | 'M' | 'y'];
  return addDays(today, n * days);
}

/** Default values of every bound name, dates resolved against `today`. */
export function parameterDefaults(params: readonly DashboardParameter[], today: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of params) {
    const [first, second] = boundNames(p);
    out[first!] = resolveDefault(p.default, today);
    if (second) out[second] = resolveDefault(p.defaultMax ?? null, today);
  }
  return out;
}

function typed(p: DashboardParameter, value: string | null, end: 'min' | 'max' | undefined): string | number | boolean | null {
  if (value === null || value === '') return p.type === 'STRING' ? value : null;
  if (p.type === 'INTEGER' || p.type === 'DECIMAL') {
    const n = Number(value);
    if (!Number.isFinite(n) || (p.type === 'INTEGER' && !Number.isInteger(n)))
      throw new Error(`The parameter "${p.title}" needs ${p.type === 'INTEGER' ? 'a whole number' : 'a number'}, not "${value}".`);
    return n;
  }
  if (p.type === 'BOOLEAN') return /^(true|1|yes)$/i.test(value);
  // A date-time range ending on a bare date includes that whole day.
  if (p.type === 'DATETIME' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return end === 'max' ? `${value} 23:59:59.999` : `${value} 00:00:00`;
  return value;
}

/** Typed values for every bound name: the user's choice where made, else the default. */
export function parameterValues(
  params: readonly DashboardParameter[],
  chosen: Record<string, string | null> | undefined,
  today: string,
): Record<string, string | number | boolean | null> {
  const defaults = parameterDefaults(params, today);
  const out: Record<string, string | number | boolean | null> = {};
  for (const p of params) {
    for (const name of boundNames(p)) {
      const raw = chosen && name in chosen ? resolveDefault(chosen[name] ?? null, today) : (defaults[name] ?? null);
      out[name] = typed(p, raw, p.range ? (name.endsWith('_max') ? 'max' : 'min') : undefined);
    }
  }
  return out;
}

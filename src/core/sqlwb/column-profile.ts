import type { ColumnProfile } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { quoteIdent } from '../../shared/sql/quote';
import type { Engine } from '../engine/engine';
import { fillTemplate } from './sql-template';
import histogramSql from './sql/profile_histogram.sql?raw';
import statsSql from './sql/profile_stats.sql?raw';
import topValuesSql from './sql/profile_top_values.sql?raw';
import typeSql from './sql/profile_column_type.sql?raw';

/** A profile never holds the database longer than this; past it the user gets TIMEOUT with this figure. */
export const PROFILE_TIMEOUT_MS = 15_000;
const HISTOGRAM_BINS = 20;
const TOP_VALUES = 10;
const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;
const TIME = /^(DATE|TIMESTAMP(_S|_MS|_NS| WITH TIME ZONE)?)$/;
/** Types whose values are compared and counted as text (category-like). */
const CATEGORY = /^(VARCHAR|BOOLEAN|ENUM\(.*\)|UUID|TIME( WITH TIME ZONE)?)$/;

/** What the profile can show for a column type: a histogram (numbers, times), top values (text-like), or only counts. */
export function profileKind(type: string): ColumnProfile['kind'] {
  if (NUMERIC.test(type)) return 'numeric';
  if (TIME.test(type)) return 'time';
  if (CATEGORY.test(type)) return 'category';
  return 'other';
}

/**
 * Profiles one column of a table or view of the local database: nulls, distinct values,
 * min/max, and a histogram (numbers; times as epoch seconds) or its most frequent values.
 * The column must exist in the catalog (looked up with parameters), so only quoted catalog
 * names ever enter the SQL; it runs read-only and within PROFILE_TIMEOUT_MS.
 */
export async function profileColumn(
  engine: Engine,
  ref: { schema: string; relation: string; column: string },
  signal: AbortSignal,
): Promise<ColumnProfile> {
  const started = performance.now();
  const options = { signal, timeoutMs: PROFILE_TIMEOUT_MS, readOnly: true };
  const found = await engine.query(typeSql, { ...options, params: { ...ref }, maxRows: 1 });
  const type = found.rows[0]?.[0];
  if (typeof type !== 'string') {
    throw new AppError('NOT_FOUND', `There is no column "${ref.column}" in ${ref.schema}.${ref.relation}. Refresh the schema browser.`);
  }
  const kind = profileKind(type);
  const column = quoteIdent(ref.column);
  const slots = {
    source: `${quoteIdent(ref.schema)}.${quoteIdent(ref.relation)}`,
    column,
    measure:
      kind === 'numeric' ? `CAST(${column} AS DOUBLE)` : kind === 'time' ? `CAST(epoch(${column}) AS DOUBLE)` : 'CAST(NULL AS DOUBLE)',
  };
  const stats = await engine.query(fillTemplate(statsSql, slots), { ...options, maxRows: 1 });
  const [total, nulls, distinct, min, max, lo, hi] = stats.rows[0] ?? [];
  const profile: ColumnProfile = {
    ...ref,
    type,
    kind,
    total: Number(total ?? 0),
    nulls: Number(nulls ?? 0),
    distinct: Number(distinct ?? 0),
    min: min ?? null,
    max: max ?? null,
    histogram: null,
    topValues: null,
    elapsedMs: 0,
  };
  if ((kind === 'numeric' || kind === 'time') && typeof lo === 'number' && typeof hi === 'number') {
    const bins = lo === hi ? 1 : HISTOGRAM_BINS;
    const width = lo === hi ? 1 : (hi - lo) / bins;
    const counts = await engine.query(fillTemplate(histogramSql, slots), { ...options, params: { lo, width, bins }, maxRows: bins });
    const byBin = new Map(counts.rows.map((r) => [Number(r[0]), Number(r[1])]));
    profile.histogram = Array.from({ length: bins }, (_, i) => ({
      from: lo + i * width,
      to: lo + (i + 1) * width,
      count: byBin.get(i) ?? 0,
    }));
  } else if (kind === 'category') {
    const top = await engine.query(fillTemplate(topValuesSql, slots), { ...options, params: { limit: TOP_VALUES }, maxRows: TOP_VALUES });
    profile.topValues = top.rows.map(([value, n]) => ({
      value: value === null || value === undefined ? null : String(value),
      count: Number(n),
    }));
  }
  profile.elapsedMs = performance.now() - started;
  return profile;
}

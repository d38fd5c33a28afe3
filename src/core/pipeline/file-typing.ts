import { quoteIdent } from '../../shared/sql/quote';
import { EVENT_COLUMNS } from './event-columns';

/**
 * The SELECT list that turns a reader's columns into the staged batch's shape in the same pass as
 * the read: every event column cast to its bronze type (NULL when the file lacks it), `_bad_column`
 * naming the first value that does not fit its type (e.g. an unknown card_network), the batch's
 * working columns, and — for those records only — `_raw`, the record as read (as JSON) for the
 * quarantine. `readTypes` maps the columns the reader yields to their types as read; `raw` is an
 * expression for a record's own text when the format keeps one (JSON lines), else null.
 */
export function stagedProjection(readTypes: ReadonlyMap<string, string>, raw: string | null): string {
  // Columns the reader already typed right (CSV with declared types, Parquet) need no check.
  const typed = (c: string, t: string) => readTypes.get(c)?.replaceAll(' ', '') === t.replaceAll(' ', '');
  const cast = (c: string, t: string) =>
    !readTypes.has(c) ? `NULL::${t}` : typed(c, t) ? quoteIdent(c) : `TRY_CAST(${quoteIdent(c)} AS ${t})`;
  const checks = EVENT_COLUMNS.filter(([c, t]) => readTypes.has(c) && !typed(c, t));
  // The same TRY_CAST as the column's: DuckDB computes each common subexpression once.
  const firstBad =
    checks.length === 0
      ? 'NULL::VARCHAR'
      : `CASE ${checks.map(([c, t]) => `WHEN ${quoteIdent(c)} IS NOT NULL AND ${cast(c, t)} IS NULL THEN '${c}'`).join(' ')} END`;
  const asRead = EVENT_COLUMNS.filter(([c]) => readTypes.has(c))
    .map(([c]) => `${quoteIdent(c)} := ${quoteIdent(c)}`)
    .join(', ');
  const rawRecord =
    raw ??
    (checks.length === 0 ? 'NULL::VARCHAR' : `CASE WHEN ${firstBad} IS NOT NULL THEN CAST(to_json(struct_pack(${asRead})) AS VARCHAR) END`);
  return [
    ...EVENT_COLUMNS.map(([c, t]) => `${cast(c, t)} AS ${quoteIdent(c)}`),
    `${firstBad} AS _bad_column`,
    `${rawRecord} AS _raw`,
    'false AS _deliver_twice',
    'false AS _duplicate',
    'NULL::decline_reason_t AS _original_decline_reason',
  ].join(', ');
}

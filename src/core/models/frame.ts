import type { SqlParams } from '../../shared/api';
import type { FeatureSpec } from '../../shared/models/schema';
import type { ColumnarOptions, ColumnarResult } from '../engine/columnar-read';
import { quoteIdent, quoteLiteral } from '../../shared/sql/quote';

/** Feature columns as typed arrays: numbers as is, booleans 0/1, categories as their index (-1 unknown). */
export interface Frame {
  n: number;
  columns: Float64Array[];
  label: Int32Array;
  time: Float64Array;
  amount: Float64Array;
  ids: string[];
  /** Category values per feature in code order (empty for non-categories). */
  categories: string[][];
}

export type FrameFeature = Pick<FeatureSpec, 'name' | 'type' | 'categories'>;

/** `CASE x WHEN 'a' THEN 0 … ELSE -1 END`: DuckDB turns labels and categories into codes, so JS reads numbers only. */
function codeOf(expr: string, values: readonly string[]): string {
  if (!values.length) return '-1';
  return `CASE CAST(${expr} AS VARCHAR) ${values.map((v, i) => `WHEN ${quoteLiteral(v)} THEN ${i}`).join(' ')} ELSE -1 END`;
}

/**
 * Wraps a model's SQL so it reads the given silver rows and returns only DOUBLE columns after
 * transaction_id: time, amount, label code, then one column per feature.
 */
export function frameSql(modelSql: string, features: readonly FrameFeature[], silver: string, classes: readonly string[]): string {
  const cols = features.map((f) => {
    const q = `m.${quoteIdent(f.name)}`;
    if (f.type === 'category') return `CAST(${codeOf(q, f.categories ?? [])} AS DOUBLE) AS ${quoteIdent(f.name)}`;
    if (f.type === 'boolean') return `CAST(CAST(${q} AS BOOLEAN) AS DOUBLE) AS ${quoteIdent(f.name)}`;
    return `CAST(${q} AS DOUBLE) AS ${quoteIdent(f.name)}`;
  });
  const notNull = features.map((f) => `m.${quoteIdent(f.name)} IS NOT NULL`).join(' AND ');
  return `WITH silver AS (${silver})
SELECT CAST(m.transaction_id AS VARCHAR) AS transaction_id, CAST(epoch_ms(m.event_timestamp::TIMESTAMP) AS DOUBLE) AS ts,
  CAST(coalesce(m.amount_value, 0) AS DOUBLE) AS amount_value, CAST(${codeOf('m.label', classes)} AS DOUBLE) AS label,
  ${cols.join(',\n  ')}
FROM (${modelSql}\n) AS m
WHERE ${notNull || 'TRUE'}`;
}

/** How a frame's rows are read: a target's `columnar` (the local database). */
export type ColumnarRead = (sql: string, options: ColumnarOptions) => Promise<ColumnarResult>;

/** Reads a frame query (see `frameSql`) as typed arrays; `signal` stops it between chunks. */
export async function readFrame(
  read: ColumnarRead,
  sql: string,
  params: SqlParams,
  features: readonly FrameFeature[],
  options: { ids?: boolean; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<Frame> {
  const { signal, timeoutMs } = options;
  const c = await read(sql, { params, signal, timeoutMs, keys: 1, skipKeys: !options.ids });
  const [time, amount, label, ...columns] = c.doubles;
  const n = c.n;
  return {
    n,
    columns,
    label: Int32Array.from(label!),
    time: time!,
    amount: amount!,
    ids: options.ids ? c.keys[0]! : Array.from({ length: n }, (_, i) => `row-${i}`),
    categories: features.map((f) => (f.type === 'category' ? [...(f.categories ?? [])] : [])),
  };
}

import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { FeatureSpec } from '../../shared/models/schema';
import { quoteIdent } from './sql-ident';

/** Feature columns as typed arrays: numbers as is, booleans 0/1, categories as their index. */
export interface Frame {
  n: number;
  columns: Float64Array[];
  label: Int32Array;
  time: Float64Array;
  amount: Float64Array;
  ids: string[];
  /** Category values per feature in code order (empty for non-categories); grows with unseen values. */
  categories: string[][];
}

export type FrameFeature = Pick<FeatureSpec, 'name' | 'type' | 'categories'>;

/** Wraps a model's SQL so it reads the given silver rows and returns typed feature columns. */
export function frameSql(modelSql: string, features: readonly FrameFeature[], silver: string): string {
  const cols = features.map((f) => {
    const q = `m.${quoteIdent(f.name)}`;
    if (f.type === 'category') return `CAST(${q} AS VARCHAR) AS ${quoteIdent(f.name)}`;
    if (f.type === 'boolean') return `CAST(${q} AS BOOLEAN) AS ${quoteIdent(f.name)}`;
    return `CAST(${q} AS DOUBLE) AS ${quoteIdent(f.name)}`;
  });
  const notNull = features.map((f) => `m.${quoteIdent(f.name)} IS NOT NULL`).join(' AND ');
  return `WITH silver AS (${silver})
SELECT CAST(m.transaction_id AS VARCHAR) AS transaction_id, epoch_ms(m.event_timestamp::TIMESTAMP) AS ts, m.amount_value, CAST(m.label AS VARCHAR) AS label,
  ${cols.join(',\n  ')}
FROM (${modelSql}\n) AS m
WHERE ${notNull || 'TRUE'}`;
}

class Grow {
  parts: Float64Array[] = [];
  push(a: Float64Array) {
    this.parts.push(a);
  }
  done(n: number): Float64Array {
    const out = new Float64Array(n);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/**
 * Streams a frame query chunk by chunk into typed arrays (never row objects). `classes` maps
 * labels to indexes (-1 for anything else); `signal` stops between chunks.
 */
export async function readFrame(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue>,
  features: readonly FrameFeature[],
  classes: readonly string[],
  signal?: AbortSignal,
): Promise<Frame> {
  const result = await conn.stream(sql, params);
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const categories = features.map((f) => (f.type === 'category' ? [...(f.categories ?? [])] : []));
  const catIndex = categories.map((cs) => new Map(cs.map((c, i) => [c, i])));
  const cols = features.map(() => new Grow());
  const time = new Grow();
  const amount = new Grow();
  const labels: number[] = [];
  const ids: string[] = [];
  let n = 0;
  for (;;) {
    if (signal?.aborted) throw new Error('aborted');
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.rowCount;
    const idV = chunk.getColumnVector(0);
    const tsV = chunk.getColumnVector(1);
    const amV = chunk.getColumnVector(2);
    const lbV = chunk.getColumnVector(3);
    const t = new Float64Array(rows);
    const a = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      ids.push(String(idV.getItem(r)));
      t[r] = Number(tsV.getItem(r));
      a[r] = Number(amV.getItem(r) ?? 0);
      labels.push(classIndex.get(String(lbV.getItem(r))) ?? -1);
    }
    time.push(t);
    amount.push(a);
    features.forEach((f, j) => {
      const v = chunk.getColumnVector(4 + j);
      const out = new Float64Array(rows);
      if (f.type === 'category') {
        const map = catIndex[j]!;
        for (let r = 0; r < rows; r++) {
          const s = String(v.getItem(r));
          let code = map.get(s);
          if (code === undefined) {
            code = categories[j]!.length;
            categories[j]!.push(s);
            map.set(s, code);
          }
          out[r] = code;
        }
      } else if (f.type === 'boolean') {
        for (let r = 0; r < rows; r++) out[r] = v.getItem(r) ? 1 : 0;
      } else {
        for (let r = 0; r < rows; r++) out[r] = Number(v.getItem(r));
      }
      cols[j]!.push(out);
    });
    n += rows;
  }
  return {
    n,
    columns: cols.map((c) => c.done(n)),
    label: Int32Array.from(labels),
    time: time.done(n),
    amount: amount.done(n),
    ids,
    categories,
  };
}

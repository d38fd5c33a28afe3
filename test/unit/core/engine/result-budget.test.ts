import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { runUntrustedSql, UNTRUSTED_MAX_BYTES } from '../../../../src/core/security/untrusted-sql';

describe('result byte budget', () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:' });
  });
  afterAll(() => engine.close());

  it('stops converting a nested result at the budget instead of exhausting the heap (5,000 rows of 600-struct lists)', async () => {
    // Every row holds a list of 600 structs: 3 million JS objects and 6 million list items in all, which aborted the process.
    const sql =
      "SELECT (SELECT list({'a': x::INTEGER, 'b': x::VARCHAR, 'c': [x::INTEGER, x::INTEGER]}) FROM range(600) t(x)) AS l, i FROM range(5000) r(i)";
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const result = await runUntrustedSql(engine, sql);
    const grown = process.memoryUsage().heapUsed - before;
    expect(result.truncated).toBe(true);
    expect(result.rows.length).toBeGreaterThan(10);
    expect(result.rows.length).toBeLessThan(5_000);
    expect(grown).toBeLessThan(8 * UNTRUSTED_MAX_BYTES);
    const first = result.rows[0]?.[0] as { a: number; b: string; c: number[] }[];
    expect(first).toHaveLength(600);
    expect(first[599]).toEqual({ a: 599, b: '599', c: [599, 599] });
  });

  it('counts strings, maps and arrays too, and keeps every row that fits', async () => {
    const wide = await engine.query("SELECT repeat('x', 100000) AS s FROM range(100)", { maxBytes: 1_000_000 });
    expect(wide.truncated).toBe(true);
    expect(wide.rows.length).toBeGreaterThanOrEqual(4);
    expect(wide.rows.length).toBeLessThanOrEqual(5);
    const maps = await engine.query('SELECT map_from_entries(list({k: x, v: x})) AS m FROM range(20000) t(x), range(20) r(i) GROUP BY i', {
      maxBytes: 1_000_000,
    });
    expect(maps.truncated).toBe(true);
    expect(maps.rows.length).toBeLessThan(20);
    const arrays = await engine.query('SELECT array_value(x, x, x)::INTEGER[3] AS a FROM range(10) t(x)', { maxBytes: 1_000_000 });
    expect(arrays.truncated).toBe(false);
    expect(arrays.rows[9]).toEqual([[9, 9, 9]]);
  });

  it('converts values exactly as before: nested, temporal, decimal, null', async () => {
    const sql = `SELECT 1::BIGINT AS b, 12.50::DECIMAL(12,2) AS d, DATE '2024-03-01' AS day, TIMESTAMP '2024-03-01 10:00:00' AS ts,
      NULL::VARCHAR AS n, {'k': [1, NULL], 'm': MAP {'x': 1}} AS s, [[1], [], NULL] AS l, 'O''Brien' AS q, true AS t`;
    const conn = await engine.instance.connect();
    const reference = (await conn.runAndReadAll(sql)).getRowsJson();
    conn.closeSync();
    const result = await engine.query(sql);
    expect(result.truncated).toBe(false);
    expect(result.rows[0]?.slice(2)).toEqual(reference[0]?.slice(2));
    expect(result.rows[0]?.slice(0, 2)).toEqual([1, 12.5]);
  });

  it('a NULL list costs nothing, whatever its memory held (it once read a garbage length and truncated a one-row result)', async () => {
    for (let run = 0; run < 20; run++) {
      const result = await engine.query(
        'SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE [[i], [], NULL] END AS l, MAP {1: NULL::INTEGER[]} AS m FROM range(3000) t(i)',
        { maxBytes: 4_000_000 },
      );
      expect(result.truncated).toBe(false);
      expect(result.rows).toHaveLength(3000);
      expect(result.rows[0]?.[0]).toBeNull();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../../../src/core/ask/offline-engine';
import { Engine } from '../../../../src/core/engine/engine';
import { fillAskFixture } from '../../../support/ask/silver-fixture';

/** The faster SQL forms the builder writes for DuckDB must return exactly what the plain forms return. */
describe('Ask SQL builder: one scan for several percentiles, cheap time grains', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:' });
    await fillAskFixture(engine, { events: 20_000 });
  });
  afterAll(() => engine.close());

  const answer = async (q: string) => {
    const out = await answerOffline(engine, q, { maxRows: 10_000 });
    if (out.kind !== 'answer') throw new Error(`${q}: ${out.reason}`);
    return out;
  };
  const rows = async (sql: string) => (await engine.query(sql, { maxRows: 10_000 })).rows;

  it('several percentiles of one column are one quantile_cont over a list, with the same values', async () => {
    const out = await answer('25th, 50th and 90th percentile of transaction amounts for approved payments by card type');
    expect(out.sql.match(/quantile_cont\(/g)).toHaveLength(3);
    expect(out.sql).toContain('quantile_cont(amount, [0.25, 0.5, 0.9])');
    const want = await rows(
      `SELECT card_type, round(quantile_cont(amount, 0.25), 2), round(quantile_cont(amount, 0.5), 2), round(quantile_cont(amount, 0.9), 2)
       FROM payments_enriched_silver WHERE is_approved GROUP BY 1 ORDER BY 1`,
    );
    const got = [...out.result.rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(got.map((r) => r.map(Number).slice(1))).toEqual(want.map((r) => r.map(Number).slice(1)));
  });

  it('a monthly series has the same first-of-month dates and values as date_trunc', async () => {
    const out = await answer('total transaction value by month');
    expect(out.sql).not.toContain("date_trunc('month'");
    const want = await rows(
      "SELECT CAST(date_trunc('month', event_date) AS DATE) AS month, round(sum(amount), 2) FROM payments_enriched_silver GROUP BY 1 ORDER BY 1",
    );
    expect(out.result.rows.map((r) => r.map(String))).toEqual(want.map((r) => r.map(String)));
  });

  it('an hourly series has the same hour timestamps and values as date_trunc on the timestamp', async () => {
    const out = await answer('hourly declines over the last 2 days');
    const want = await rows(
      `SELECT date_trunc('hour', event_timestamp) AS hour, count(*) FROM payments_enriched_silver
       WHERE NOT is_approved AND event_date >= (SELECT max(event_date) FROM payments_enriched_silver) - 1 GROUP BY 1 ORDER BY 1`,
    );
    expect(want.length).toBeGreaterThan(24);
    expect(out.result.rows.map((r) => r.map(String))).toEqual(want.map((r) => r.map(String)));
  });
});

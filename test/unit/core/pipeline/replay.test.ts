import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { replay } from '../../../../src/core/pipeline/replay';
import { GOLD_VIEWS } from '../../../../src/core/pipeline/schema';
import { fillWithReplayFixture, FIXTURE_START } from '../../../support/replay-fixture';

describe('replay (simulated backfill)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:', threads: 2 });
    await fillWithReplayFixture(engine, { incidents: true });
  });
  afterAll(() => engine.close());

  it('creates all 19 gold views and each one answers', async () => {
    expect(GOLD_VIEWS).toHaveLength(19);
    for (const view of GOLD_VIEWS) {
      const r = await engine.query(`SELECT * FROM ${view}`);
      if (view !== 'v_agent_recommendations') expect(r.rowCount, view).toBeGreaterThan(0);
    }
  });

  it('lands every generated event in silver or quarantine with realistic approval', async () => {
    const r = await engine.query(`SELECT
      (SELECT count(*) FROM payments_raw_bronze), (SELECT count(*) FROM payments_enriched_silver),
      (SELECT count(*) FROM payments_quarantine), (SELECT count(DISTINCT transaction_id) FROM payments_enriched_silver),
      (SELECT approval_rate_pct FROM v_executive_kpis)`);
    const [bronze, silver, quarantine, distinct, approval] = r.rows[0]!.map(Number);
    expect(silver).toBe(distinct);
    expect(bronze).toBe(silver! + quarantine!);
    expect(approval).toBeGreaterThan(80);
    expect(approval).toBeLessThan(92);
  });

  it('computes v_system_performance from aggregates exactly as quantile_cont over the rows would', async () => {
    const direct = await engine.query(`SELECT event_date, count(*), round(avg(processing_latency_ms), 1),
        round(quantile_cont(processing_latency_ms, 0.95), 1), count(*) FILTER (WHERE response_code IN ('91', '96'))
      FROM payments_enriched_silver WHERE event_date > (SELECT max(event_date) FROM payments_enriched_silver) - 7
      GROUP BY event_date ORDER BY event_date`);
    const view = await engine.query(
      'SELECT event_date, total_events, avg_latency_ms, p95_latency_ms, error_count FROM v_system_performance',
    );
    expect(view.rows).toEqual(direct.rows);
  });

  it('places the events in the requested window, ending at start + days', async () => {
    const r = await engine.query('SELECT min(event_timestamp), max(event_timestamp) FROM payments_enriched_silver');
    const [min, max] = r.rows[0]!.map((v) => new Date(String(v) + 'Z').getTime());
    expect(min).toBeGreaterThanOrEqual(FIXTURE_START.getTime());
    expect(max).toBeLessThanOrEqual(FIXTURE_START.getTime() + 3 * 86_400_000);
    expect(max).toBeGreaterThan(FIXTURE_START.getTime() + 3 * 86_400_000 - 3_600_000);
  });

  it('makes the injected incidents visible in v_active_alerts', async () => {
    const r = await engine.query('SELECT alert_type, dimension_value FROM v_active_alerts');
    const found = r.rows.map(([type, value]) => `${type}:${value}`);
    expect(found).toContain('processor_degradation:ProcessorB');
    expect(found).toContain('fraud_spike:Gaming');
    expect(found).toContain('latency_spike:ProcessorC');
  });

  it('raises no alert on a clean data set (the last hour is ordinary traffic, not a tail of retries)', async () => {
    const clean = await Engine.open({ path: ':memory:' });
    await fillWithReplayFixture(clean, { events: 100_000, faultRate: 0 });
    expect((await clean.query('SELECT alert_type, dimension_value FROM v_active_alerts')).rows).toEqual([]);
    const lastHour = await clean.query(`SELECT count(*), avg(is_retry::INT) FROM payments_enriched_silver
      WHERE event_timestamp > (SELECT max(event_timestamp) FROM payments_enriched_silver) - INTERVAL 1 HOUR`);
    expect(Number(lastHour.rows[0]![0])).toBeGreaterThan(500);
    expect(Number(lastHour.rows[0]![1])).toBeLessThan(0.1);
    clean.close();
  });

  it('is deterministic: the same settings give byte-identical events', async () => {
    const other = await Engine.open({ path: ':memory:' });
    await fillWithReplayFixture(other, { incidents: true });
    const digest = 'SELECT bit_xor(hash(COLUMNS(*))) FROM (SELECT * EXCLUDE (_ingested_at) FROM payments_raw_bronze)';
    const a = await engine.query(digest);
    const b = await other.query(digest);
    expect(b.rows).toEqual(a.rows);
    other.close();
  });

  it('reruns of a finished run add nothing', async () => {
    const before = await engine.query('SELECT count(*) FROM payments_raw_bronze');
    const summary = await fillWithReplayFixture(engine, { incidents: true });
    const after = await engine.query('SELECT count(*) FROM payments_raw_bronze');
    expect(after.rows).toEqual(before.rows);
    expect(summary.bronze).toBe(Number(before.rows[0]![0]));
  });

  it("refuses invalid options with the contract's message, naming the field (not a CLI flag)", async () => {
    await expect(replay(engine, { events: -5, days: 1, seed: 1 })).rejects.toThrow(/^events: must be a positive whole number/);
    await expect(replay(engine, { events: 10, days: 0, seed: 1 })).rejects.toThrow(/^days: must be more than 0/);
    await expect(replay(engine, { events: 10, days: 1, seed: 1, batchSize: 10 })).rejects.toThrow(
      /^batchSize: must be a positive multiple of 3/,
    );
  });
});

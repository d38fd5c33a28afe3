import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../src/shared/api';
import { createTestCore } from '../../../support/test-core';
import { call } from '../../../support/core-calls';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

function record(core: TestCore) {
  const seen: { name: EventName; payload: Record<string, unknown> }[] = [];
  core.events.subscribe((name, payload) => seen.push({ name, payload: payload as Record<string, unknown> }));
  return seen;
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pipeline API', () => {
  let core: TestCore | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('answers silver totals on demand: zero and no rate on an empty database', async () => {
    core = await createTestCore();
    expect(await call(core, 'pipeline.kpis', {})).toEqual({
      totalTransactions: 0,
      approvedCount: 0,
      approvalRatePct: null,
      newestEventAt: null,
    });
  });

  it('runs a backfill in the background, pushing progress and KPI events, then reports layer counts', async () => {
    core = await createTestCore();
    const seen = record(core);
    const started = await call(core, 'pipeline.startBackfill', { events: 30_000, days: 3, seed: 5, start: '2026-02-01T00:00:00Z' });
    expect(started).toMatchObject({ state: 'running', eventsTotal: 30_000 });
    await until(() => seen.some((e) => e.name === 'pipeline.progressed' && e.payload.state === 'done'));
    const status = await call(core, 'pipeline.status', {});
    expect(status.backfill?.state).toBe('done');
    expect(status.layers.bronze).toBe(status.layers.silver + status.layers.quarantine);
    const kpi = seen.filter((e) => e.name === 'kpis.changed').at(-1)!.payload;
    expect(kpi.totalTransactions).toBe(status.layers.silver);
    expect(kpi.approvalRatePct).toBeGreaterThan(80);
    // A page opened after the run reads the same totals without waiting for another batch.
    expect(await call(core, 'pipeline.kpis', {})).toEqual(kpi);
    const report = await call(core, 'pipeline.expectations', {});
    expect(report.rows.map((r) => r.expectation).sort()).toEqual([
      'readable_record',
      'unique_transaction_id',
      'valid_amount',
      'valid_fraud_score',
      'valid_transaction_id',
    ]);
    const gold = await call(core, 'pipeline.goldCounts', {});
    expect(gold.views).toHaveLength(19);
  });

  it('streams live, pauses, changes rate and stops, with freshness under a second', async () => {
    core = await createTestCore();
    const seen = record(core);
    await call(core, 'pipeline.startLive', { rate: 3000, seed: 9 });
    await until(() => seen.filter((e) => e.name === 'pipeline.progressed' && (e.payload.eventsDone as number) > 0).length >= 3);
    const paused = await call(core, 'pipeline.pauseLive', {});
    expect(paused?.state).toBe('paused');
    const events = paused!.events;
    await new Promise((r) => setTimeout(r, 400));
    expect((await call(core, 'pipeline.status', {})).live?.events).toBe(events);
    await call(core, 'pipeline.resumeLive', {});
    expect((await call(core, 'pipeline.setLiveRate', { rate: 500 })).rate).toBe(500);
    const stopped = await call(core, 'pipeline.stopLive', {});
    expect(stopped?.state).toBe('stopped');
    const layers = (await call(core, 'pipeline.status', {})).layers;
    // Retries stamped after the stop wait in pipeline_pending_retries; nothing generated is lost.
    expect(layers.bronze + layers.pendingRetries).toBeGreaterThanOrEqual(stopped!.events);
    // Live micro-batches are folded into the gold aggregates at most once a second and on stop:
    // after stop the aggregate-backed views count every silver row.
    const gold = await core.engine.query('SELECT sum(transactions) FROM v_card_network_performance');
    expect(Number(gold.rows[0]![0])).toBe(layers.silver);
    const fresh = seen
      .filter((e) => e.name === 'pipeline.progressed' && typeof e.payload.freshnessMs === 'number')
      .map((e) => e.payload.freshnessMs as number);
    expect(Math.min(...fresh)).toBeLessThan(1000);
  });

  it('refuses a live stream while a backfill runs, and invalid settings', async () => {
    core = await createTestCore();
    const seen = record(core);
    const { jobId } = await call(core, 'pipeline.startBackfill', { events: 60_000, days: 3, seed: 5 });
    await expect(call(core, 'pipeline.startLive', { rate: 10 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await call(core, 'jobs.cancel', { id: jobId! })).toEqual({ cancelled: true });
    await until(() => seen.some((e) => e.name === 'pipeline.progressed' && e.payload.state === 'cancelled'));
    await expect(
      call(core, 'pipeline.startBackfill', {
        events: 10,
        days: 1,
        seed: 1,
        incidents: [{ kind: 'fraud_attack', target: 'Casinos', durationMinutes: 5 }],
      }),
    ).rejects.toThrow(/Retail/);
  });
});

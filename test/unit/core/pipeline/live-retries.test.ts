import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { commitStagedBatch } from '../../../../src/core/pipeline/batch-commit';
import { ensurePipelineSchema } from '../../../../src/core/pipeline/schema';
import { ensureSimulatorTables, stageSimulatedBatch, type SlotClock } from '../../../../src/core/simulator/generate';

const T = BigInt(Date.UTC(2026, 0, 1, 12)) * 1000n;
const SECOND = 1_000_000n;

function liveClock(startUs: bigint, spanUs: bigint, slotBase: number, slots: number): SlotClock {
  return {
    seed: 5,
    prefix: 'l5-',
    startUs,
    spanUs,
    maxUs: startUs + spanUs,
    slotsInSpan: slots,
    slotBase,
    seasonal: false,
    incidents: [],
    faultRate: 0,
    deferRetries: true,
  };
}

describe('retries in a live stream', () => {
  it("holds each retry until its time, then delivers it exactly once with its first attempt's decline reason", async () => {
    const engine = await Engine.open({ path: ':memory:' });
    await ensurePipelineSchema(engine);
    const one = async (sql: string) => Number((await engine.query(sql)).rows[0]![0]);
    await engine.withConnection('-- live retries', {}, async (conn) => {
      const merchants = await ensureSimulatorTables(conn);
      // One second of traffic ending at T: every retry (30 s to 2 days later) lies in the future.
      await stageSimulatedBatch(conn, merchants, liveClock(T - SECOND, SECOND, 0, 30_000), 0, 30_000);
      await commitStagedBatch(conn, {
        runKey: 'live:test',
        batchNo: 0,
        source: 'live',
        slotLo: 0,
        slotHi: 30_000,
        dedupeAgainstSilver: false,
        deferRetriesAfterUs: T,
      });
    });
    expect(await one('SELECT count(*) FROM payments_enriched_silver WHERE is_retry')).toBe(0);
    expect(await one(`SELECT count(*) FROM payments_enriched_silver WHERE event_timestamp > make_timestamp(${T})`)).toBe(0);
    const pending = await one('SELECT count(*) FROM pipeline_pending_retries');
    expect(pending).toBeGreaterThan(500);
    expect(await one(`SELECT count(*) FROM pipeline_pending_retries WHERE event_timestamp <= make_timestamp(${T})`)).toBe(0);

    // Two minutes later only the retries due by then arrive; three days later all of them.
    const delivered: number[] = [];
    for (const [batchNo, dueUs] of [
      [1, T + 120n * SECOND],
      [2, T + 3n * 86_400n * SECOND],
    ] as const) {
      await engine.withConnection('-- later batch', {}, async (conn) => {
        const merchants = await ensureSimulatorTables(conn);
        const lo = 30_000 + (batchNo - 1) * 3;
        await stageSimulatedBatch(conn, merchants, liveClock(dueUs - SECOND, SECOND, lo, 3), lo, lo + 3);
        await commitStagedBatch(conn, {
          runKey: 'live:test',
          batchNo,
          source: 'live',
          slotLo: lo,
          slotHi: lo + 3,
          dedupeAgainstSilver: false,
          deferRetriesAfterUs: dueUs,
        });
      });
      delivered.push(await one('SELECT count(*) FROM payments_raw_bronze WHERE is_retry'));
    }
    expect(delivered[0]).toBeGreaterThan(0);
    expect(delivered[0]).toBeLessThan(delivered[1]!);
    expect(await one('SELECT count(*) FROM pipeline_pending_retries')).toBe(0);
    expect(delivered[1]).toBe(pending);

    const check = await engine.query(`SELECT count(*), count(DISTINCT r.transaction_id),
        count(*) FILTER (WHERE r.original_decline_reason = o.decline_reason),
        count(*) FILTER (WHERE r.event_timestamp > o.event_timestamp),
        count(*) FILTER (WHERE r.is_approved)
      FROM payments_enriched_silver r JOIN payments_enriched_silver o ON o.transaction_id = r.original_transaction_id
      WHERE r.is_retry`);
    const [retries, distinct, sameReason, later, recovered] = check.rows[0]!.map(Number);
    expect(retries).toBe(pending);
    expect(distinct).toBe(retries);
    expect(sameReason).toBe(retries);
    expect(later).toBe(retries);
    expect(recovered).toBeGreaterThan(0);
    engine.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
const FILTERS = { dateFrom: '2026-02-01', dateTo: '2026-04-01', cardNetwork: null, merchantSegment: null, country: null };

/** Appends `seconds` of a stream at `rate` events/s, starting at `start`, copying rows of the backfill. */
async function stream(core: TestCore, start: string, seconds: number, rate: number): Promise<void> {
  await core.engine.run(`INSERT INTO payments_enriched_silver
    SELECT * EXCLUDE (n) REPLACE (
      'live' || n AS transaction_id,
      TIMESTAMP '${start}' + to_microseconds((n * 1000000 // ${rate})::BIGINT) AS event_timestamp,
      CAST(TIMESTAMP '${start}' + to_microseconds((n * 1000000 // ${rate})::BIGINT) AS DATE) AS event_date)
    FROM (SELECT s.*, row_number() OVER () - 1 AS n FROM payments_enriched_silver s, range(${Math.ceil((seconds * rate) / 5000)}) r LIMIT ${seconds * rate})`);
}

describe('Real-Time Monitoring: events per second', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore();
    await createMiniSilver(core.engine, 5000, 60);
  });
  afterAll(() => core.dispose());

  const eps = async () => {
    const r = await core.dashboards.runDataset('real-time-monitoring', 'live', FILTERS);
    const at = r.columns.findIndex((c) => c.name === 'events_per_second');
    return Number(r.rows[0]![at]);
  };

  it('shows the current rate of a stream at 5,000/s that started 30 s ago, not the hour average', async () => {
    await stream(core, '2026-04-01 00:00:00', 30, 5000);
    const rate = await eps();
    expect(rate).toBeGreaterThan(4500);
    expect(rate).toBeLessThan(5500);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { call, ended } from '../../../support/core-calls';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('pipeline.backfillResult and pipeline.liveResult', () => {
  let core: TestCore | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('a backfill in batches of the asked size answers with its summary once its job has ended', async () => {
    core = await createTestCore();
    const status = await call(core, 'pipeline.startBackfill', { events: 6000, days: 1, seed: 3, batchSize: 1500, faultRate: 0 });
    const jobId = status.jobId!;
    expect((await ended(core, jobId)).state).toBe('succeeded');
    const summary = await call(core, 'pipeline.backfillResult', { jobId });
    expect(summary).toMatchObject({ events_generated: 6000, batches: 4, bronze: 6000, silver: 6000, quarantined_total: 0 });
  }, 60_000);

  it('refuses a batch size that is not a multiple of 3, naming the field', async () => {
    core = await createTestCore();
    const r = await core.dispatcher.dispatch('pipeline.startBackfill', { events: 6000, days: 1, seed: 3, batchSize: 1000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details).toEqual([{ path: 'batchSize', message: 'must be a positive multiple of 3' }]);
  });

  it('a live stream names its job; its summary is null while it streams and the run totals once it has stopped', async () => {
    core = await createTestCore();
    const status = await call(core, 'pipeline.startLive', { rate: 2000, seed: 8, faultRate: 0 });
    const jobId = status.jobId!;
    expect(jobId).toBeTruthy();
    expect(await call(core, 'pipeline.liveResult', { jobId })).toBeNull();
    const started = Date.now();
    while ((await call(core, 'pipeline.status', {})).live!.events === 0 && Date.now() - started < 30_000)
      await new Promise((r) => setTimeout(r, 50));
    await call(core, 'pipeline.stopLive', {});
    expect((await ended(core, jobId)).state).toBe('succeeded');
    const summary = await call(core, 'pipeline.liveResult', { jobId });
    expect(summary).toMatchObject({ mode: 'live', rate: 2000, runKey: 'live:s8', quarantined_total: 0 });
    expect(summary!.events_generated).toBeGreaterThan(0);
    expect(summary!.silver).toBeGreaterThan(0);
    expect(summary!.bronze).toBeGreaterThanOrEqual(summary!.silver);
  }, 60_000);

  it('answers NOT_FOUND for a job it never ran', async () => {
    core = await createTestCore();
    await expect(call(core, 'pipeline.backfillResult', { jobId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(core, 'pipeline.liveResult', { jobId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

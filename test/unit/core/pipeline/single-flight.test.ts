import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../../src/shared/api';
import type { ApiResult } from '../../../../src/shared/errors';
import { createTestCore } from '../../../support/test-core';
import { call } from '../../../support/core-calls';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

async function bronze(core: TestCore): Promise<number> {
  return (await call(core, 'pipeline.status', {})).layers.bronze;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pipeline jobs are single-flight', () => {
  let core: TestCore | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('two concurrent startLive calls (a double click) give one stream, and stop really stops it', async () => {
    core = await createTestCore();
    const results = (await Promise.all([
      core.dispatcher.dispatch('pipeline.startLive', { rate: 2000, seed: 4 }),
      core.dispatcher.dispatch('pipeline.startLive', { rate: 2000, seed: 4 }),
    ])) as ApiResult<MethodOutput<'pipeline.startLive'>>[];
    // Before: the second call failed with Duplicate key "run_key: live:s4" and the first stream was orphaned.
    for (const r of results) expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    const jobs = await call(core, 'jobs.list', {});
    expect(jobs.jobs.filter((j) => j.kind === 'pipeline.live' && j.state === 'running')).toHaveLength(1);
    await sleep(400);
    const stopped = await call(core, 'pipeline.stopLive', {});
    expect(stopped?.state).toBe('stopped');
    const after = await bronze(core);
    await sleep(600);
    // No orphan keeps writing once the server says stopped.
    expect(await bronze(core)).toBe(after);
    expect((await call(core, 'pipeline.status', {})).live?.state ?? 'stopped').toBe('stopped');
    const final = await call(core, 'jobs.list', {});
    expect(final.jobs.filter((j) => j.kind === 'pipeline.live').map((j) => j.state)).toEqual(['succeeded']);
  });

  it('two concurrent backfills give one job; the second call answers with the first job', async () => {
    core = await createTestCore();
    const input = { events: 20_000, days: 2, seed: 3, start: '2026-02-01T00:00:00Z' };
    const [a, b] = await Promise.all([call(core, 'pipeline.startBackfill', input), call(core, 'pipeline.startBackfill', input)]);
    expect(a.state).toBe('running');
    expect(b.state).toBe('running');
    const jobs = (await call(core, 'jobs.list', {})).jobs.filter((j) => j.kind === 'pipeline.backfill');
    expect(jobs).toHaveLength(1);
    const started = Date.now();
    while ((await call(core, 'jobs.list', {})).jobs.some((j) => j.state === 'running') && Date.now() - started < 30_000) await sleep(100);
    const done = (await call(core, 'jobs.list', {})).jobs.find((j) => j.kind === 'pipeline.backfill');
    expect(done).toMatchObject({ state: 'succeeded', progress: { done: 20_000, total: 20_000 } });
    expect((await call(core, 'pipeline.status', {})).layers.silver).toBeGreaterThan(19_000);
  });

  it('a second, different backfill while one runs is refused with a plain message; the running one goes on', async () => {
    core = await createTestCore();
    const input = { events: 2_000_000, days: 30, seed: 8, start: '2026-02-01T00:00:00Z' };
    const [first, other] = await Promise.allSettled([
      call(core, 'pipeline.startBackfill', input),
      call(core, 'pipeline.startBackfill', { ...input, events: 5_000 }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(other).toMatchObject({
      status: 'rejected',
      reason: { code: 'CONFLICT', message: 'A backfill of 2,000,000 events is already running; wait for it or cancel it first.' },
    });
    const jobs = (await call(core, 'jobs.list', { kind: 'pipeline.backfill' })).jobs;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ state: 'running', progress: { total: 2_000_000 } });
    await call(core, 'jobs.cancel', { id: jobs[0]!.id });
  });

  it('jobs.cancel stops a running backfill; a live stream cannot start while it runs', async () => {
    core = await createTestCore();
    await call(core, 'pipeline.startBackfill', { events: 2_000_000, days: 30, seed: 8, start: '2026-02-01T00:00:00Z' });
    const job = (await call(core, 'jobs.list', {})).jobs.find((j) => j.kind === 'pipeline.backfill')!;
    await expect(call(core, 'pipeline.startLive', { rate: 100, seed: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await call(core, 'jobs.cancel', { id: job.id })).toEqual({ cancelled: true });
    const started = Date.now();
    let state = job.state;
    while (state === 'running' && Date.now() - started < 30_000) {
      await sleep(100);
      state = (await call(core, 'jobs.list', {})).jobs.find((j) => j.id === job.id)!.state;
    }
    expect(state).toBe('cancelled');
    expect(await call(core, 'jobs.cancel', { id: job.id })).toEqual({ cancelled: false });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job, MethodInput } from '../../../../src/shared/api';
import { call, ended } from '../../../support/core-calls';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

/** 48 recorded payments, one with an amount that is not a number and one truncated line. */
const SMALL_CSV = resolve(__dirname, '../../../fixtures/replay/payments-small.csv');

/** Every job.progressed of one job, recorded from before it starts. */
function jobEvents(core: TestCore): Job[] {
  const seen: Job[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'job.progressed') seen.push(payload as Job);
  });
  return seen;
}

describe('pipeline.replayFile', () => {
  let core: TestCore | undefined;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-replay-api-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('replays a recorded CSV as a job with { message, done, total } progress, and answers with rows per layer', async () => {
    core = await createTestCore();
    const events = jobEvents(core);
    const { job } = await call(core, 'pipeline.replayFile', { path: SMALL_CSV });
    expect(job).toMatchObject({ kind: 'pipeline.file', state: 'running' });
    expect(await call(core, 'pipeline.fileReplayResult', { jobId: job.id })).toBeNull();
    expect((await ended(core, job.id)).state).toBe('succeeded');
    const mine = events.filter((e) => e.id === job.id);
    expect(mine.at(-1)).toMatchObject({ state: 'succeeded', progress: { done: 49, total: 49 } });
    const result = await call(core, 'pipeline.fileReplayResult', { jobId: job.id });
    expect(result).toMatchObject({ format: 'csv', silver: 47, quarantined_total: 2, problems_total: 2 });
    expect(result!.problems.map((p) => p.line)).toEqual([11, 50]);
    const status = await call(core, 'pipeline.status', {});
    // Unreadable records go to quarantine only; bronze holds what could be read.
    expect(status.layers).toMatchObject({ bronze: 47, silver: 47, quarantine: 2 });
    // The same file again: every batch is already in, nothing doubles.
    const again = await call(core, 'pipeline.replayFile', { path: SMALL_CSV });
    expect((await ended(core, again.job.id)).state).toBe('succeeded');
    expect((await call(core, 'pipeline.status', {})).layers.silver).toBe(47);
  });

  it.each([
    [{ path: '' }, 'path: name a .csv, .jsonl or .parquet file'],
    [{ path: 'x.csv', speed: 0 }, 'speed: must be a number above 0 and at most 1,000,000'],
    [{ path: 'x.csv', speed: 2_000_000 }, 'speed: must be a number above 0 and at most 1,000,000'],
    [{ path: 'x.csv', rate: 5 }, 'Unrecognized key'],
    [{ path: 'x.xlsx' }, 'path: has an unknown format ".xlsx"'],
    [{ path: 'exports/Q1 report.PDF' }, 'path: has an unknown format ".pdf"'],
  ])('refuses %j before any job starts, in words that name no command-line flag', async (input, message) => {
    core = await createTestCore();
    const refused = call(core, 'pipeline.replayFile', input as MethodInput<'pipeline.replayFile'>);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(message) });
    await expect(refused).rejects.toMatchObject({ message: expect.not.stringMatching(/--[a-z]/) });
    expect((await call(core, 'jobs.list', { kind: 'pipeline.file' })).jobs).toEqual([]);
  });

  it('a missing file fails the job, and its result answers with the reason', async () => {
    core = await createTestCore();
    const { job } = await call(core, 'pipeline.replayFile', { path: join(dir, 'nowhere.csv') });
    expect(await ended(core, job.id)).toMatchObject({ state: 'failed', error: expect.stringContaining('no such file') });
    await expect(call(core, 'pipeline.fileReplayResult', { jobId: job.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('jobs.cancel stops a paced replay; the live stream and a backfill are refused while it runs', async () => {
    core = await createTestCore();
    // 120 events one second apart: at original speed the replay takes two minutes unless cancelled.
    const header = (await import('node:fs')).readFileSync(SMALL_CSV, 'utf8').split('\n')[0]!;
    const rows = (await import('node:fs')).readFileSync(SMALL_CSV, 'utf8').split('\n').slice(1, 41);
    const slow = rows.flatMap((row, i) =>
      [0, 1, 2].map((k) => {
        const f = row.split(',');
        f[0] = `slow-${i}-${k}`;
        f[1] = new Date(Date.UTC(2026, 0, 2, 0, 0, i * 3 + k)).toISOString().replace('T', ' ').replace('Z', '');
        return f.join(',');
      }),
    );
    const path = join(dir, 'slow.csv');
    writeFileSync(path, [header, ...slow].join('\n') + '\n');
    const { job } = await call(core, 'pipeline.replayFile', { path, speed: 1 });
    await expect(call(core, 'pipeline.startLive', { rate: 100 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call(core, 'pipeline.startBackfill', { events: 300, days: 1, seed: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    // A second start joins the running replay instead of racing it.
    expect((await call(core, 'pipeline.replayFile', { path, speed: 1 })).job.id).toBe(job.id);
    expect(await call(core, 'jobs.cancel', { id: job.id })).toEqual({ cancelled: true });
    expect((await ended(core, job.id)).state).toBe('cancelled');
    await expect(call(core, 'pipeline.fileReplayResult', { jobId: job.id })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

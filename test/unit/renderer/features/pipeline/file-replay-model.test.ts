import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../../src/shared/api';
import { applyJob, initialFileReplay, percent } from '../../../../../src/renderer/features/pipeline/file-replay-model';

const job = (patch: Partial<Job> = {}): Job => ({
  id: 'j1',
  kind: 'pipeline.file',
  key: 'pipeline',
  state: 'running',
  progress: { message: 'Batch 1 of 2', done: 10, total: 40 },
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: null,
  error: null,
  ...patch,
});

describe('the Replay a file form', () => {
  it('moves only with its own job', () => {
    const view = { ...initialFileReplay, path: 'a.csv', job: job() };
    expect(applyJob(view, job({ id: 'other', progress: { message: 'x', done: 40, total: 40 } }))).toBe(view);
    expect(applyJob(view, job({ progress: { message: 'Batch 2 of 2', done: 30, total: 40 } })).job?.progress.done).toBe(30);
    expect(applyJob(initialFileReplay, job())).toBe(initialFileReplay);
  });

  it('never goes back from an ended job to a running one (a late event after a direct read)', () => {
    const done = applyJob(
      { ...initialFileReplay, job: job() },
      job({ state: 'succeeded', progress: { message: 'Done', done: 40, total: 40 } }),
    );
    expect(applyJob(done, job({ state: 'running' }))).toBe(done);
    expect(done.job?.state).toBe('succeeded');
  });

  it('shows why a replay failed or was cancelled', () => {
    const failed = applyJob({ ...initialFileReplay, job: job() }, job({ state: 'failed', error: 'x.csv: no such file.' }));
    expect(failed.error).toBe('x.csv: no such file.');
    expect(applyJob({ ...initialFileReplay, job: job() }, job({ state: 'cancelled', error: null })).error).toBe('cancelled');
  });

  it('turns { done, total } into a percentage, 0 while the total is unknown and 100 once succeeded', () => {
    expect(percent(job())).toBe(25);
    expect(percent(job({ progress: { message: 'Reading', done: 0, total: null } }))).toBe(0);
    expect(percent(job({ state: 'succeeded', progress: { message: 'Done', done: 0, total: 0 } }))).toBe(100);
    expect(percent(undefined)).toBe(0);
  });
});

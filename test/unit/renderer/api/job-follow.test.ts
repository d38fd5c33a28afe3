import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/shared/api';
import { followJob, isEnded, nextFollowed } from '../../../../src/renderer/api/job-follow';

const job = (patch: Partial<Job> = {}): Job => ({
  id: 'pull-1',
  kind: 'warehouse.pull',
  key: 'warehouse.pull:payments_pull',
  state: 'running',
  progress: { message: 'Fetched 5,000 rows', done: 5000, total: null },
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: null,
  error: null,
  ...patch,
});

const match = { key: 'warehouse.pull:payments_pull' };

describe('nextFollowed', () => {
  it('adopts the first running job with the key it waits for, and nothing else', () => {
    expect(nextFollowed(undefined, job(), match)?.id).toBe('pull-1');
    expect(nextFollowed(undefined, job({ key: 'warehouse.pull:other' }), match)).toBeUndefined();
    expect(nextFollowed(undefined, job({ state: 'succeeded' }), match)).toBeUndefined();
    expect(nextFollowed(undefined, job(), { kind: 'models.train' })).toBeUndefined();
    expect(nextFollowed(undefined, job({ kind: 'models.train', key: 'models.train' }), { kind: 'models.train' })?.id).toBe('pull-1');
    // A view that names nothing to wait for (it gets its job from the start call) adopts nothing.
    expect(nextFollowed(undefined, job())).toBeUndefined();
  });

  it('once it has a job, moves only with that job', () => {
    const current = job();
    const moved = job({ progress: { message: 'Fetched 9,000 rows', done: 9000, total: null } });
    expect(nextFollowed(current, moved, match)).toBe(moved);
    const other = job({ id: 'pull-2', progress: { message: 'Fetched 1 row', done: 1, total: null } });
    expect(nextFollowed(current, other, match)).toBe(current);
  });

  it('never goes back from an ended job (a late running event after a direct read)', () => {
    const ended = job({ state: 'cancelled', error: 'Cancelled', endedAt: '2026-01-01T00:00:05Z' });
    expect(nextFollowed(ended, job(), match)).toBe(ended);
    expect(nextFollowed(ended, job({ state: 'succeeded' }), match)).toBe(ended);
  });
});

describe('isEnded', () => {
  it('counts succeeded, failed and cancelled as ended; queued, running and no job as not', () => {
    expect(['succeeded', 'failed', 'cancelled'].map((state) => isEnded(job({ state: state as Job['state'] })))).toEqual([true, true, true]);
    expect([isEnded(job({ state: 'queued' })), isEnded(job()), isEnded(undefined)]).toEqual([false, false, false]);
  });
});

describe('followJob', () => {
  it('hands the view its job each time it moves, and stops when unsubscribed', () => {
    let listener: ((event: Job) => void) | undefined;
    const events = {
      on: (name: string, l: (event: Job) => void) => {
        expect(name).toBe('job.progressed');
        listener = l;
        return () => (listener = undefined);
      },
    } as Parameters<typeof followJob>[0];
    let shown: Job | undefined;
    const seen: number[] = [];
    const off = followJob(
      events,
      match,
      () => shown,
      (next) => {
        shown = next;
        seen.push(next.progress.done);
      },
    );
    listener!(job({ id: 'pull-0', key: 'warehouse.pull:other' }));
    listener!(job());
    listener!(job({ progress: { message: 'Fetched 9,000 rows', done: 9000, total: null } }));
    listener!(job({ id: 'pull-2', progress: { message: 'x', done: 1, total: null } }));
    listener!(job({ state: 'succeeded', progress: { message: 'Pulled 12,000 rows', done: 12000, total: 12000 } }));
    listener!(job({ progress: { message: 'late', done: 11000, total: null } }));
    expect(seen).toEqual([5000, 9000, 12000]);
    expect(shown?.state).toBe('succeeded');
    off();
    expect(listener).toBeUndefined();
  });
});

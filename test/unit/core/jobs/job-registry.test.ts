import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/core/api/event-bus';
import { JobRegistry } from '../../../../src/core/jobs/job-registry';
import type { Job } from '../../../../src/shared/api';
import { AppError } from '../../../../src/shared/errors';

function setup() {
  const events = new EventBus();
  const seen: Job[] = [];
  events.subscribe((name, payload) => {
    if (name === 'job.progressed') seen.push(payload as Job);
  });
  return { jobs: new JobRegistry(events), seen };
}

const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

describe('one Job model', () => {
  it('is single-flight per key: a second start while the first runs joins it', async () => {
    const { jobs } = setup();
    const g = gate();
    let bodies = 0;
    const body = async () => {
      bodies += 1;
      await g.opened;
      return 'done';
    };
    const [a, b] = [jobs.start({ kind: 'agents.run' }, body), jobs.start({ kind: 'agents.run' }, body)];
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.job.id).toBe(a.job.id);
    expect(bodies).toBe(1);
    g.open();
    expect(await Promise.all([a.result, b.result])).toEqual(['done', 'done']);
    expect(jobs.get(a.job.id)?.state).toBe('succeeded');
    // Once ended, a new start is a new job.
    expect(jobs.start({ kind: 'agents.run' }, body).created).toBe(true);
  });

  it('reports { message, done, total } as job.progressed, throttled, with every state change pushed', async () => {
    const { jobs, seen } = setup();
    const started = jobs.start({ kind: 'warehouse.pull', key: 'pull:t', total: 1000 }, async (ctx) => {
      for (let i = 1; i <= 100; i++) ctx.progress({ done: i * 10, message: `row ${i * 10}` });
    });
    await started.result;
    expect(seen[0]).toMatchObject({ state: 'running', progress: { done: 0, total: 1000 } });
    expect(seen.at(-1)).toMatchObject({ state: 'succeeded', progress: { done: 1000, total: 1000, message: 'row 1000' } });
    expect(seen.length).toBeLessThan(10);
  });

  it('cancel fires the signal and ends the job cancelled; failures end failed with the reason', async () => {
    const { jobs } = setup();
    const running = jobs.start(
      { kind: 'sqlwb.export' },
      (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'stopped')))),
    );
    expect(jobs.cancel(running.job.id)).toBe(true);
    await expect(running.result).rejects.toThrow('stopped');
    expect(jobs.get(running.job.id)).toMatchObject({ state: 'cancelled' });
    expect(jobs.cancel(running.job.id)).toBe(false);
    expect(jobs.cancel('no-such-job')).toBe(false);
    const failing = jobs.start({ kind: 'bundles.create' }, () => Promise.reject(new Error('disk full')));
    await expect(failing.result).rejects.toThrow('disk full');
    expect(jobs.get(failing.job.id)).toMatchObject({ state: 'failed', error: 'disk full' });
    expect(jobs.list('bundles.create')).toHaveLength(1);
  });
});

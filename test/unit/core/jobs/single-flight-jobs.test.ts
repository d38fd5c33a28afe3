import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../../src/shared/api';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('training and agents runs started twice at once give one job', () => {
  let core: TestCore | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('two concurrent agents.run calls for the same agent share one run', async () => {
    core = await createTestCore();
    const d = core.dispatcher;
    const [a, b] = await Promise.all([
      d.dispatch('agents.run', { agent: 'smart_retry' }),
      d.dispatch('agents.run', { agent: 'smart_retry' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const runA = (a as { data: MethodOutput<'agents.run'> }).data.run;
    const runB = (b as { data: MethodOutput<'agents.run'> }).data.run;
    expect(runB.runId).toBe(runA.runId);
    const jobs = (await d.dispatch('jobs.list', { kind: 'agents.run' })) as { ok: true; data: MethodOutput<'jobs.list'> };
    expect(jobs.data.jobs).toHaveLength(1);
    expect(jobs.data.jobs[0]!.state).not.toBe('running');
  });

  it('two concurrent models.train calls give one training job', async () => {
    core = await createTestCore();
    const d = core.dispatcher;
    const [a, b] = await Promise.all([
      d.dispatch('models.train', { models: ['smart_retry'] }),
      d.dispatch('models.train', { models: ['smart_retry'] }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect((b as { data: { jobId: string } }).data.jobId).toBe((a as { data: { jobId: string } }).data.jobId);
    const listed = (await d.dispatch('jobs.list', { kind: 'models.train' })) as { ok: true; data: MethodOutput<'jobs.list'> };
    expect(listed.data.jobs.map((j) => j.id)).toEqual([(a as { data: { jobId: string } }).data.jobId]);
  });
});

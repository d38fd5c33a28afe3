import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentInfo, AgentRun, Job, Recommendation, RunAgentsResult } from '../../../../src/shared/api';
import { FIXTURE_INCIDENTS, fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('agents.* through the dispatcher', () => {
  let core: TestCore;
  const call = async <T>(method: string, input: unknown, callId?: string): Promise<T> => {
    const r = await core.dispatcher.dispatch(method, input, { callId });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data as T;
  };
  beforeAll(async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, { incidents: FIXTURE_INCIDENTS.filter((i) => i.kind === 'fraud_attack') });
  });
  afterAll(() => core.dispose());

  it('lists the six agents with the platform schedules', async () => {
    const agents = await call<AgentInfo[]>('agents.list', {});
    expect(agents.map((a) => [a.id, a.schedule.intervalMs / 3_600_000])).toEqual([
      ['smart_routing', 6],
      ['smart_retry', 4],
      ['decline_analyst', 24],
      ['risk_assessor', 2],
      ['performance_recommender', 24],
      ['orchestrator', 168],
    ]);
    expect(agents.every((a) => a.lastRun === null && a.looksAt.length > 20)).toBe(true);
  });

  it('runs one agent, filters its recommendations, and accepts one', async () => {
    const result = await call<RunAgentsResult>('agents.run', { agent: 'risk_assessor' });
    expect(result.run).toMatchObject({ agent: 'risk_assessor', status: 'succeeded', trigger: 'manual' });
    const critical = await call<Recommendation[]>('agents.recommendations', { agent: 'risk_assessor', severity: 'critical' });
    expect(critical.map((r) => r.title)).toEqual([expect.stringMatching(/^Fraud attack on Gaming/)]);
    const accepted = await call<Recommendation>('agents.setStatus', {
      recommendationId: critical[0]!.recommendationId,
      status: 'accepted',
    });
    expect(accepted.status).toBe('accepted');
    expect(await call<Recommendation[]>('agents.recommendations', { status: 'accepted' })).toHaveLength(1);
    const info = await call<AgentInfo[]>('agents.list', {});
    expect(info.find((a) => a.id === 'risk_assessor')!.lastRun?.runId).toBe(result.run.runId);
  });

  it('app.cancel on the call cancels the run', async () => {
    const pending = core.dispatcher.dispatch('agents.run', {}, { callId: 'run-1' });
    // Cancel once the run is under way (a fixed pause was too short on a loaded machine).
    const running = async () => (await call<{ jobs: Job[] }>('jobs.list', { kind: 'agents.run' })).jobs.some((j) => j.state === 'running');
    while (!(await running())) await new Promise((r) => setTimeout(r, 5));
    await core.dispatcher.dispatch('app.cancel', { callId: 'run-1' });
    const r = await pending;
    expect(r.ok && (r.data as RunAgentsResult).run.status).toBe('cancelled');
    const runs = await call<AgentRun[]>('agents.runs', { agent: 'orchestrator' });
    expect(runs[0]).toMatchObject({ status: 'cancelled', message: 'Cancelled before it finished; nothing was stored.' });
  });

  it('a running run carries its job id, and jobs.cancel on that job cancels the run (there is no agents.cancel)', async () => {
    const pending = call<RunAgentsResult>('agents.run', {});
    let settled = false;
    void pending.finally(() => (settled = true));
    let running: AgentRun | undefined;
    while (!running && !settled) {
      running = (await call<AgentRun[]>('agents.runs', { agent: 'orchestrator' })).find((r) => r.status === 'running' && r.jobId);
      if (!running) await new Promise((r) => setTimeout(r, 5));
    }
    expect(running?.jobId).toBeTruthy();
    expect(await call('jobs.cancel', { id: running!.jobId })).toEqual({ cancelled: true });
    expect((await pending).run).toMatchObject({ runId: running!.runId, status: 'cancelled' });
    const [job] = (await call<{ jobs: Job[] }>('jobs.list', { kind: 'agents.run' })).jobs.filter((j) => j.id === running!.jobId);
    expect(job?.state).toBe('cancelled');
    expect((await call<AgentRun[]>('agents.runs', { agent: 'orchestrator' }))[0]).not.toHaveProperty('jobId');
    expect((await core.dispatcher.dispatch('agents.cancel', { runId: running!.runId })).ok).toBe(false);
  });

  it('refuses a schedule under one minute, and keeps a valid one', async () => {
    const bad = await core.dispatcher.dispatch('agents.setSchedule', { agent: 'smart_retry', enabled: true, intervalMs: 1000 });
    expect(bad.ok).toBe(false);
    const info = await call<AgentInfo>('agents.setSchedule', { agent: 'smart_retry', enabled: false, intervalMs: 300_000 });
    expect(info.schedule).toEqual({ enabled: false, intervalMs: 300_000, nextRunAt: null });
  });

  it('setStatus on an unknown id says so', async () => {
    const r = await core.dispatcher.dispatch('agents.setStatus', { recommendationId: 'rec-nope', status: 'dismissed' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

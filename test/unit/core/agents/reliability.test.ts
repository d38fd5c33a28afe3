import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRun } from '../../../../src/shared/api';
import { FIXTURE_INCIDENTS, fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('agent runs', () => {
  it('an empty database gives "not enough data", not findings', async () => {
    core = await createTestCore();
    const result = await core.agents.run(undefined, { trigger: 'manual' });
    expect(result.run.status).toBe('not_enough_data');
    expect(result.run.message).toMatch(/^Not enough data: there is no payments_enriched_silver table yet\. Replay/);
    expect(result.recommendations).toEqual([]);
    const single = await core.agents.run('risk_assessor', { trigger: 'manual' });
    expect(single.run.status).toBe('not_enough_data');
  });

  it('a few hundred events are not enough either', async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, { events: 300 });
    const result = await core.agents.run('smart_routing', { trigger: 'manual' });
    expect(result.run.status).toBe('not_enough_data');
    expect(result.run.message).toMatch(/has \d{3} events and the agents need at least 1,000/);
  });

  it('an agent that fails records its message and the others still run', async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, { incidents: FIXTURE_INCIDENTS.filter((i) => i.kind === 'processor_outage') });
    // Smart Retry reads original_transaction_id; nothing else does.
    await core.engine.run('ALTER TABLE payments_enriched_silver DROP COLUMN original_transaction_id');
    const result = await core.agents.run(undefined, { trigger: 'manual' });
    const retry = result.childRuns.find((r) => r.agent === 'smart_retry');
    expect(retry?.status).toBe('failed');
    expect(retry?.message).toMatch(/original_transaction_id/);
    expect(result.childRuns.filter((r) => r.status === 'succeeded')).toHaveLength(4);
    expect(result.run.status).toBe('succeeded');
    expect(result.run.message).toContain('Failed: Smart Retry.');
    expect(result.recommendations.some((r) => r.title.startsWith('ProcessorB outage'))).toBe(true);
    const history = await core.agents.store.runs('smart_retry', 5);
    expect(history[0]).toMatchObject({ status: 'failed', parentRunId: result.run.runId });
    expect(history[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a run can be cancelled and stores nothing', async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine);
    const started: AgentRun[] = [];
    const off = core.events.subscribe((name, payload) => {
      if (name !== 'agents.runUpdated') return;
      const run = payload as AgentRun;
      if (run.status === 'running' && run.agent === 'orchestrator') {
        started.push(run);
        core!.jobs.cancel(run.jobId!);
      }
    });
    const result = await core.agents.run(undefined, { trigger: 'manual' });
    off();
    expect(started).toHaveLength(1);
    expect(result.run.status).toBe('cancelled');
    expect(result.recommendations).toEqual([]);
    const stored = await core.engine.query('SELECT count(*) FROM agent_recommendations');
    expect(stored.rows[0]![0]).toBe(0);
  });

  it('a dismissed finding stays dismissed when a later run finds it again', async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine);
    const first = await core.agents.run('smart_retry', { trigger: 'manual' });
    const target = first.recommendations[0]!;
    await core.agents.store.setStatus(target.recommendationId, 'dismissed');
    const second = await core.agents.run('smart_retry', { trigger: 'manual' });
    const again = second.recommendations.find((r) => r.title === target.title)!;
    expect(again.recommendationId).not.toBe(target.recommendationId);
    expect(again.status).toBe('dismissed');
    // The list shows each finding once (its latest row), and filters by status.
    const listed = await core.agents.store.recommendations({ agent: 'smart_retry' });
    expect(listed.filter((r) => r.title === target.title)).toHaveLength(1);
    const open = await core.agents.store.recommendations({ status: 'open' });
    expect(open.some((r) => r.title === target.title)).toBe(false);
  });
});

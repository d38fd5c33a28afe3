import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../../src/core/simulator/incidents';
import type { RunAgentsResult } from '../../../../src/shared/api';
import { FIXTURE_INCIDENTS, fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

/** Replays the pipeline's fixture (50,000 events over 3 days) with `incidents`, then runs the orchestrator. */
async function replayAndRun(incidents: Incident[]): Promise<{ core: TestCore; result: RunAgentsResult }> {
  const core = await createTestCore();
  await fillWithReplayFixture(core.engine, { incidents });
  const result = await core.agents.run(undefined, { trigger: 'manual' });
  return { core, result };
}

const critical = (r: RunAgentsResult) => r.recommendations.filter((x) => x.severity === 'critical').map((x) => [x.agent, x.title]);

describe.each([
  ['processor_outage', 'smart_routing', /^ProcessorB outage: approval \d+\.\d\d% against 8\d\.\d\d% baseline \(2026-01-04 14:/],
  ['fraud_attack', 'risk_assessor', /^Fraud attack on Gaming: \d+\.\d\d% fraud against \d\.\d\d% baseline \(2026-01-04 14:/],
  ['latency_spike', 'performance_recommender', /^Latency spike on ProcessorC: p95 [\d,]+ ms against \d+ ms \(2026-01-04 14:/],
] as const)('a replayed data set with a %s', (kind, agent, title) => {
  let core: TestCore;
  let result: RunAgentsResult;
  beforeAll(async () => {
    ({ core, result } = await replayAndRun(FIXTURE_INCIDENTS.filter((i) => i.kind === kind)));
  });
  afterAll(() => core.dispose());

  it(`is found by ${agent}, and by no one else as critical`, () => {
    expect(result.run.status).toBe('succeeded');
    expect(critical(result)).toEqual([[agent, expect.stringMatching(title)]]);
  });
});

describe('a replayed data set with one incident of each type', () => {
  let core: TestCore;
  let result: RunAgentsResult;
  beforeAll(async () => {
    ({ core, result } = await replayAndRun(FIXTURE_INCIDENTS));
  });
  afterAll(() => core.dispose());

  it('the orchestrator runs all five agents and they all succeed', () => {
    expect(result.run.status).toBe('succeeded');
    expect(result.childRuns.map((r) => [r.agent, r.status])).toEqual([
      ['smart_routing', 'succeeded'],
      ['smart_retry', 'succeeded'],
      ['decline_analyst', 'succeeded'],
      ['risk_assessor', 'succeeded'],
      ['performance_recommender', 'succeeded'],
    ]);
  });

  it('finds the three incidents as the critical findings, each by the right agent', () => {
    expect(
      critical(result)
        .map(([agent]) => agent)
        .sort(),
    ).toEqual(['performance_recommender', 'risk_assessor', 'smart_routing']);
  });

  it('ranks by severity, then expected impact, and ends with an executive summary', () => {
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = result.recommendations.map((r) => order.indexOf(r.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const criticalValues = result.recommendations.filter((r) => r.severity === 'critical').map((r) => r.expectedImpactValue);
    expect(criticalValues).toEqual([...criticalValues].sort((a, b) => b - a));
    const summary = result.recommendations.at(-1)!;
    expect(summary.agent).toBe('orchestrator');
    expect(summary.title).toMatch(/^Executive summary: \d+ findings \(3 critical/);
    expect(result.summary).toMatch(/^Top priorities: 1\. /);
  });

  it('every evidence SQL re-runs to the same numbers', async () => {
    expect(result.recommendations.length).toBeGreaterThan(5);
    for (const rec of result.recommendations) {
      const again = await core.engine.query(rec.evidenceSql);
      expect({ title: rec.title, columns: again.columns, rows: again.rows }).toEqual({ title: rec.title, ...rec.evidence });
      expect(rec.evidence.rows.length).toBeGreaterThan(0);
    }
  });

  it('stores every finding in agent_recommendations, readable through v_agent_recommendations', async () => {
    const r = await core.engine.query(
      "SELECT count(*) FILTER (WHERE status = 'open'), count(DISTINCT run_id), count(*) FILTER (WHERE expected_impact IS NULL OR evidence_sql IS NULL) FROM v_agent_recommendations",
    );
    expect(r.rows[0]).toEqual([result.recommendations.length, new Set(result.recommendations.map((x) => x.runId)).size, 0]);
  });
});

describe('a clean replayed data set', () => {
  it('produces no critical findings', async () => {
    const { core, result } = await replayAndRun([]);
    try {
      expect(result.run.status).toBe('succeeded');
      expect(critical(result)).toEqual([]);
    } finally {
      await core.dispose();
    }
  });
});

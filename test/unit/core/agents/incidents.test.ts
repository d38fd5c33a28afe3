import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunAgentsResult } from '../../../../src/shared/api';
import { fillAgentFixture } from '../../../support/agents-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('agents on a data set with one incident of each type', () => {
  let core: TestCore;
  let result: RunAgentsResult;
  beforeAll(async () => {
    core = await createTestCore();
    await fillAgentFixture(core.engine, {
      outage: { processor: 'ProcessorA', hoursBefore: 50, minutes: 90 },
      fraudAttack: { segment: 'Gaming', hoursBefore: 80, minutes: 180 },
      latencySpike: { hoursBefore: 30, minutes: 60 },
    });
    result = await core.agents.run(undefined, { trigger: 'manual' });
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

  it('Smart Routing finds the processor outage in its window', () => {
    const outage = result.recommendations.find((r) => r.agent === 'smart_routing' && r.severity === 'critical');
    expect(outage?.title).toMatch(/^ProcessorA outage: .*2026-11-18 10:00/);
    expect(outage?.expectedImpactValue).toBeGreaterThan(0);
  });

  it('Risk Assessor finds the fraud attack on Gaming', () => {
    const attack = result.recommendations.find((r) => r.agent === 'risk_assessor' && r.severity === 'critical');
    expect(attack?.title).toMatch(/^Fraud attack on Gaming: .*2026-11-17 0[4-6]:00/);
  });

  it('Performance Recommender finds the latency spike', () => {
    const spike = result.recommendations.find((r) => r.agent === 'performance_recommender' && r.severity === 'critical');
    expect(spike?.title).toMatch(/^Latency spike on all processors: p95 .* \(2026-11-19 06:00–07:00\)/);
  });

  it('finds exactly the three incidents as critical, ranked by severity then impact, with a summary', () => {
    const critical = result.recommendations.filter((r) => r.severity === 'critical');
    expect(critical.map((r) => r.agent).sort()).toEqual(['performance_recommender', 'risk_assessor', 'smart_routing']);
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = result.recommendations.map((r) => order.indexOf(r.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const summary = result.recommendations.find((r) => r.agent === 'orchestrator');
    expect(summary?.title).toMatch(/^Executive summary: \d+ findings \(3 critical/);
    expect(result.summary).toContain('Top priorities: 1. ');
  });

  it('every evidence SQL re-runs to the same numbers', async () => {
    expect(result.recommendations.length).toBeGreaterThan(5);
    for (const rec of result.recommendations) {
      const again = await core.engine.query(rec.evidenceSql);
      expect({ title: rec.title, columns: again.columns, rows: again.rows }).toEqual({ title: rec.title, ...rec.evidence });
      expect(rec.evidence.rows.length).toBeGreaterThan(0);
    }
  });

  it('stores every finding in agent_recommendations with the documented columns', async () => {
    const r = await core.engine.query(
      "SELECT count(*) FILTER (WHERE status = 'open'), count(DISTINCT run_id), count(*) FILTER (WHERE expected_impact IS NULL OR evidence_sql IS NULL) FROM agent_recommendations",
    );
    expect(r.rows[0]).toEqual([result.recommendations.length, new Set(result.recommendations.map((x) => x.runId)).size, 0]);
  });
});

describe('agents on clean data', () => {
  it('produce no critical findings', async () => {
    const core = await createTestCore();
    try {
      await fillAgentFixture(core.engine, { seed: 11 });
      const result = await core.agents.run(undefined, { trigger: 'manual' });
      expect(result.run.status).toBe('succeeded');
      expect(result.recommendations.filter((r) => r.severity === 'critical')).toEqual([]);
      // The built-in routing signal (ProcessorC weak on Visa/BR) is still found, as a non-critical finding.
      expect(result.recommendations.some((r) => r.agent === 'smart_routing' && /Visa cards issued in BR/.test(r.title))).toBe(true);
    } finally {
      await core.dispose();
    }
  });
});

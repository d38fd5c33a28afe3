import { describe, expect, it } from 'vitest';
import { dedupe, overlaps, rank, summaryText, type AgentFinding } from '../../../../src/core/agents/orchestrator';
import type { Finding } from '../../../../src/core/agents/types';

const f = (over: Partial<Finding>): Finding => ({
  fingerprint: over.title ?? 'f',
  subject: { key: 'x' },
  severity: 'medium',
  title: 't',
  recommendation: 'Do it.',
  evidence: { sql: 'SELECT 1', table: { columns: [], rows: [] } },
  expectedImpact: '',
  expectedImpactValue: 0,
  ...over,
});
const names = {
  smart_routing: 'Smart Routing',
  decline_analyst: 'Decline Analyst',
  smart_retry: 'Smart Retry',
  risk_assessor: 'Risk Assessor',
};

describe('orchestrator merging', () => {
  const outage = f({
    title: 'ProcessorB outage',
    severity: 'critical',
    expectedImpactValue: 100,
    subject: {
      key: 'processor:ProcessorB',
      windowStart: '2026-01-04 14:15:00',
      windowEnd: '2026-01-04 14:45:00',
      related: ['decline_reason:processing_error'],
    },
  });
  const spike = f({
    title: 'processing_error rose',
    severity: 'medium',
    subject: { key: 'decline_reason:processing_error', windowEnd: '2026-01-04 15:00:00' },
  });
  const oldSpike = f({
    title: 'processing_error rose last week',
    subject: { key: 'decline_reason:processing_error', windowEnd: '2025-12-28 15:00:00' },
  });
  const retry = f({ title: 'Retry processing_error', severity: 'high', subject: { key: 'retry:processing_error' } });

  it('links a symptom to the finding that explains it when their windows overlap', () => {
    expect(overlaps(outage, spike)).toBe(true);
    expect(overlaps(spike, outage)).toBe(true);
    expect(overlaps(outage, oldSpike)).toBe(false);
    expect(overlaps(outage, retry)).toBe(false);
  });

  it('keeps the most severe of overlapping findings and says who else saw it', () => {
    const items: AgentFinding[] = [
      { agent: 'decline_analyst', finding: spike },
      { agent: 'smart_retry', finding: retry },
      { agent: 'smart_routing', finding: outage },
    ];
    const { kept, removed } = dedupe(items, names);
    expect(removed).toBe(1);
    expect(kept.map((k) => k.finding.title)).toEqual(['ProcessorB outage', 'Retry processing_error']);
    expect(kept[0]!.finding.recommendation).toBe('Do it. Also found by Decline Analyst: "processing_error rose".');
    // The input is left as it was.
    expect(outage.recommendation).toBe('Do it.');
  });

  it('ranks by severity, then by expected impact', () => {
    const a = { agent: 'smart_retry' as const, finding: f({ title: 'a', severity: 'high', expectedImpactValue: 5 }) };
    const b = { agent: 'smart_retry' as const, finding: f({ title: 'b', severity: 'high', expectedImpactValue: 50 }) };
    const c = { agent: 'smart_retry' as const, finding: f({ title: 'c', severity: 'critical', expectedImpactValue: 1 }) };
    expect(rank([a, b, c]).map((x) => x.finding.title)).toEqual(['c', 'b', 'a']);
  });

  it('summarises counts, the top three and the combined impact', () => {
    const items = rank(
      [1, 2, 3, 4].map((i) => ({
        agent: 'risk_assessor' as const,
        finding: f({ title: `F${i}`, severity: i === 1 ? 'critical' : 'low', expectedImpactValue: i * 1000, expectedImpact: `${i}k` }),
      })),
    );
    const s = summaryText(items, names);
    expect(s.title).toBe('Executive summary: 4 findings (1 critical, 3 low)');
    expect(s.recommendation).toBe(
      'Top priorities: 1. F1 (Risk Assessor; 1k) 2. F4 (Risk Assessor; 4k) 3. F3 (Risk Assessor; 3k) Combined expected impact ≈ $10,000.00 in value.',
    );
    expect(summaryText([], names).title).toBe('Executive summary: no findings');
  });
});

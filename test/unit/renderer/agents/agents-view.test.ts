import { describe, expect, it } from 'vitest';
import { formatDuration, intervalLabel, summaryLines } from '../../../../src/renderer/features/agents/agents-view';

describe('agents page helpers', () => {
  it('splits an executive summary into its priorities', () => {
    const text =
      'Top priorities: 1. ProcessorA outage: 21.57% (2026-11-18 10:00–12:00) (Smart Routing; ≈ 102 approvals) 2. Fraud attack on Gaming 3. Latency spike Combined expected impact ≈ 1,193,549.92 in value.';
    expect(summaryLines(text)).toEqual([
      'Top priorities:',
      '1. ProcessorA outage: 21.57% (2026-11-18 10:00–12:00) (Smart Routing; ≈ 102 approvals)',
      '2. Fraud attack on Gaming',
      '3. Latency spike',
      'Combined expected impact ≈ 1,193,549.92 in value.',
    ]);
  });

  it('formats durations and schedule intervals', () => {
    expect([formatDuration(null), formatDuration(324), formatDuration(2500), formatDuration(125_000)]).toEqual([
      '—',
      '324 ms',
      '2.5 s',
      '2 min 5 s',
    ]);
    expect(intervalLabel(2 * 3_600_000)).toBe('every 2 hours');
    expect(intervalLabel(7 * 60_000)).toBe('every 7 minutes');
  });
});

import { describe, expect, it } from 'vitest';
import { batchQuality, expectationTotals, isFinal } from '../../../../../src/renderer/features/pipeline/pipeline-model';

const row = (batchId: number, expectation: string, action: 'drop' | 'warn', passed: number, failed: number) => ({
  batchId,
  source: 'simulator',
  committedAt: '2026-01-01T00:00:00.000Z',
  expectation,
  action,
  passed,
  failed,
});

describe('the data-quality report model', () => {
  const rows = [
    row(1, 'valid_amount', 'drop', 990, 10),
    row(2, 'valid_amount', 'drop', 995, 5),
    row(1, 'valid_fraud_score', 'warn', 980, 20),
    row(2, 'valid_fraud_score', 'warn', 1000, 0),
  ];

  it('sums each expectation over the batches with its failure share', () => {
    expect(expectationTotals(rows)).toEqual([
      { expectation: 'valid_amount', action: 'drop', passed: 1985, failed: 15, failedPct: 0.75 },
      { expectation: 'valid_fraud_score', action: 'warn', passed: 1980, failed: 20, failedPct: 1 },
    ]);
  });

  it('lists batches newest first with dropped and warned rows apart', () => {
    expect(batchQuality(rows).map((b) => [b.batchId, b.dropped, b.warned])).toEqual([
      [2, 5, 0],
      [1, 10, 20],
    ]);
  });

  it('knows which progress states end a run', () => {
    const base = {
      mode: 'backfill' as const,
      runKey: 'k',
      eventsDone: 0,
      eventsTotal: 1,
      eventsPerSecond: 0,
      freshnessMs: null,
      layers: { bronze: 0, silver: 0, quarantine: 0, batches: 0, pendingRetries: 0 },
      message: null,
    };
    expect(isFinal({ ...base, state: 'done' })).toBe(true);
    expect(isFinal({ ...base, state: 'running' })).toBe(false);
  });
});

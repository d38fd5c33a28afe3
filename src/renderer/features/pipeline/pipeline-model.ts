import type { EventPayload, ExpectationRow } from '../../../shared/api';

export type Progress = EventPayload<'pipeline.progressed'>;

/** One expectation summed over the batches shown: the data-quality report's top table. */
export interface ExpectationTotal {
  expectation: string;
  action: 'drop' | 'warn';
  passed: number;
  failed: number;
  failedPct: number;
}

/** One batch's line in the report: what it dropped and warned about. */
export interface BatchQuality {
  batchId: number;
  source: string;
  committedAt: string;
  dropped: number;
  warned: number;
}

/** Sums expectation rows per expectation (pure, so it is tested without React). */
export function expectationTotals(rows: ExpectationRow[]): ExpectationTotal[] {
  const byName = new Map<string, ExpectationTotal>();
  for (const r of rows) {
    const t = byName.get(r.expectation) ?? { expectation: r.expectation, action: r.action, passed: 0, failed: 0, failedPct: 0 };
    t.passed += r.passed;
    t.failed += r.failed;
    byName.set(r.expectation, t);
  }
  return [...byName.values()]
    .map((t) => ({ ...t, failedPct: t.passed + t.failed > 0 ? (100 * t.failed) / (t.passed + t.failed) : 0 }))
    .sort((a, b) => a.expectation.localeCompare(b.expectation));
}

export function batchQuality(rows: ExpectationRow[]): BatchQuality[] {
  const byBatch = new Map<number, BatchQuality>();
  for (const r of rows) {
    const b = byBatch.get(r.batchId) ?? { batchId: r.batchId, source: r.source, committedAt: r.committedAt, dropped: 0, warned: 0 };
    if (r.action === 'warn') b.warned += r.failed;
    else b.dropped += r.failed;
    byBatch.set(r.batchId, b);
  }
  return [...byBatch.values()].sort((a, b) => b.batchId - a.batchId);
}

/** True when a progress event ends a run, so the page reloads its report and gold counts once. */
export function isFinal(p: Progress): boolean {
  return p.state === 'done' || p.state === 'failed' || p.state === 'cancelled' || p.state === 'stopped';
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The backfill form checked in the words of its labels; null when it can be sent. */
export function backfillProblem(form: { events: number; days: number; seed: number }): string | null {
  if (!Number.isInteger(form.events) || form.events < 1 || form.events > 2_000_000_000) {
    return 'Events: enter a whole number from 1 to 2,000,000,000.';
  }
  if (!Number.isFinite(form.days) || form.days <= 0 || form.days > 3650) return 'Days: enter a number of days from 1 to 3,650.';
  if (!Number.isInteger(form.seed) || form.seed < 0)
    return 'Seed: enter a whole number, 0 or more (the same seed replays the same payments).';
  return null;
}

/** The live rate checked in the words of its label; null when it can be sent. */
export function rateProblem(rate: number): string | null {
  return Number.isFinite(rate) && rate >= 1 && rate <= 200_000 ? null : 'Rate: enter a number of events per second from 1 to 200,000.';
}

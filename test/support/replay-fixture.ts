import type { Engine } from '../../src/core/engine/engine';
import { replay } from '../../src/core/pipeline/replay';
import type { ReplaySummary } from '../../src/core/pipeline/summary';
import type { Incident } from '../../src/core/simulator/incidents';

/** A fixed start so fixture data is identical on any day (views anchor at the newest event). */
export const FIXTURE_START = new Date('2026-01-01T15:00:00Z');

/** One incident of each kind, all inside the last hour of the data, so v_active_alerts fires. */
export const FIXTURE_INCIDENTS: Incident[] = [
  { kind: 'processor_outage', target: 'ProcessorB', durationMinutes: 45 },
  { kind: 'fraud_attack', target: 'Gaming', durationMinutes: 50 },
  { kind: 'latency_spike', target: 'ProcessorC', durationMinutes: 40 },
];

export interface FixtureOptions {
  /** Events to simulate (default 50,000: under a second). */
  events?: number;
  /** Days the events span, ending at FIXTURE_START + days (default 3). */
  days?: number;
  seed?: number;
  /** `true` for FIXTURE_INCIDENTS, or your own list (at most 3). */
  incidents?: boolean | Incident[];
  faultRate?: number;
}

/**
 * Fills an Engine with a small deterministic medallion data set (bronze, silver, quarantine,
 * gold views) for other features' tests. Same options → same rows.
 */
export async function fillWithReplayFixture(engine: Engine, options: FixtureOptions = {}): Promise<ReplaySummary> {
  const incidents = options.incidents === true ? FIXTURE_INCIDENTS : options.incidents === false ? [] : (options.incidents ?? []);
  return replay(engine, {
    events: options.events ?? 50_000,
    days: options.days ?? 3,
    seed: options.seed ?? 7,
    start: FIXTURE_START,
    incidents,
    faultRate: options.faultRate,
    batchSize: 30_000,
  });
}

import { createHash } from 'node:crypto';
import { StartBackfillInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { ensureSimulatorTables, stageSimulatedBatch, type SlotClock } from '../simulator/generate';
import { validateIncident, type Incident } from '../simulator/incidents';
import { commitStagedBatch, type BatchResult } from './batch-commit';
import { committedBatches, finishRun, openRun, prefixShared } from './run-registry';
import { ensurePipelineSchema } from './schema';
import { summariseRun, type ReplaySummary } from './summary';

/** A backfill: N events over D days, ending now or from `start`. Same options → same events. */
export interface ReplayOptions {
  events: number;
  days: number;
  seed: number;
  /** Start of the window; without it the window ends at the time the run was first started. */
  start?: Date;
  incidents?: Incident[];
  /** Data-quality faults per event (null id, amount ≤ 0, fraud_score out of range, duplicates); default 0.002. */
  faultRate?: number;
  /** Slots per batch (a multiple of 3); the unit of commit and of resume. */
  batchSize?: number;
}

/** Progress after each committed (or skipped) batch. */
export interface ReplayProgress {
  runKey: string;
  batchesDone: number;
  batchesTotal: number;
  eventsDone: number;
  eventsTotal: number;
  elapsedMs: number;
  lastBatch?: BatchResult;
}

export interface ReplayControl {
  signal?: AbortSignal;
  onProgress?: (progress: ReplayProgress) => void;
}

export const DEFAULT_FAULT_RATE = 0.002;
export const DEFAULT_BATCH_SIZE = 999_999;

/**
 * Checks backfill options with the contract's own schema (pipeline.startBackfill), for callers that
 * do not come through the dispatcher (benchmarks, tests); clients see the contract's refusal first.
 */
export function validateReplayOptions(options: ReplayOptions): void {
  if (options.start && Number.isNaN(options.start.getTime()))
    throw new AppError('INVALID_INPUT', 'start: must be a date such as 2026-01-01 or 2026-01-01T00:00:00Z.');
  const { start: _start, ...rest } = options;
  const parsed = StartBackfillInput.omit({ start: true }).safeParse(rest);
  if (!parsed.success)
    throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') + '.');
  for (const inc of options.incidents ?? []) validateIncident(inc);
}

/**
 * Simulates a backfill into bronze → silver (gold views read silver). Resumable and
 * exactly-once: the run is keyed by its settings, each batch is committed atomically with
 * its commit row, and a rerun skips committed batches and regenerates the rest identically.
 */
export async function replay(engine: Engine, options: ReplayOptions, control: ReplayControl = {}): Promise<ReplaySummary> {
  validateReplayOptions(options);
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const prefix = `s${options.seed}-`;
  const requested = {
    events: options.events,
    days: options.days,
    seed: options.seed,
    start: options.start?.toISOString() ?? null,
    incidents: options.incidents ?? [],
    faultRate: options.faultRate ?? DEFAULT_FAULT_RATE,
    batchSize,
    prefix,
  };
  const runKey = 'backfill:' + createHash('sha256').update(JSON.stringify(requested)).digest('hex').slice(0, 16);

  await ensurePipelineSchema(engine);
  return engine.withConnection('-- replay', { signal: control.signal }, async (conn) => {
    const merchants = await ensureSimulatorTables(conn);
    const spanUs = BigInt(Math.round(options.days * 86_400_000_000));
    const nowUs = BigInt(Date.now()) * 1000n;
    const resolvedStartUs = options.start ? BigInt(options.start.getTime()) * 1000n : nowUs - spanUs;
    const run = await openRun(conn, runKey, 'backfill', { ...requested, startUs: resolvedStartUs.toString() });
    const startUs = BigInt(String(run.settings.startUs));
    const clock: SlotClock = {
      seed: options.seed,
      prefix,
      startUs,
      spanUs,
      maxUs: startUs + spanUs,
      slotsInSpan: options.events,
      slotBase: 0,
      seasonal: true,
      incidents: options.incidents ?? [],
      faultRate: requested.faultRate,
    };
    const done = await committedBatches(conn, runKey);
    const dedupe = await prefixShared(conn, runKey, prefix);
    const batchesTotal = Math.ceil(options.events / batchSize);
    for (let batchNo = 0; batchNo < batchesTotal; batchNo++) {
      if (control.signal?.aborted)
        throw new AppError('CANCELLED', 'The replay was cancelled; run it again with the same settings to resume.');
      const lo = batchNo * batchSize;
      const hi = Math.min(options.events, lo + batchSize);
      let lastBatch: BatchResult | undefined;
      if (!done.has(batchNo)) {
        await stageSimulatedBatch(conn, merchants, clock, lo, hi);
        lastBatch = await commitStagedBatch(conn, {
          runKey,
          batchNo,
          source: 'simulator',
          slotLo: lo,
          slotHi: hi,
          dedupeAgainstSilver: dedupe,
        });
      }
      control.onProgress?.({
        runKey,
        batchesDone: batchNo + 1,
        batchesTotal,
        eventsDone: hi,
        eventsTotal: options.events,
        elapsedMs: performance.now() - started,
        lastBatch,
      });
    }
    await conn.run('DROP TABLE IF EXISTS pipeline_stage');
    await finishRun(conn, runKey);
    return summariseRun(conn, runKey, options.events, performance.now() - started);
  });
}

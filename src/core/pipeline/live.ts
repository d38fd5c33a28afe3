import type { Engine } from '../engine/engine';
import { ensureSimulatorTables, stageSimulatedBatch, type SlotClock } from '../simulator/generate';
import type { Incident } from '../simulator/incidents';
import { commitStagedBatch, foldPendingGold, type BatchResult } from './batch-commit';
import { finishRun, openRun, reopenRun, resumePoint } from './run-registry';
import { ensurePipelineSchema } from './schema';

/** Settings of a live stream; a restart with the same seed resumes its sequence. */
export interface LiveOptions {
  /** Events per second, 1 to 200,000 (checked by the contract, pipeline.startLive and pipeline.setLiveRate). */
  rate: number;
  seed: number;
  incidents?: Incident[];
  faultRate?: number;
  /** How often a micro-batch is cut (ms); smaller means fresher data and more commits. */
  tickMs?: number;
}

export type LiveState = 'running' | 'paused' | 'stopped';

/** What the stream has done, after each micro-batch. */
export interface LiveStatus {
  runKey: string;
  state: LiveState;
  rate: number;
  batches: number;
  events: number;
  eventsPerSecond: number;
  /** Newest committed event's age when its batch committed (ms). */
  freshnessMs: number | null;
  lastBatch?: BatchResult;
  /** Why the stream stopped on its own, if it did. */
  error?: string;
}

/** How often a live stream folds its micro-batches into gold_partials (and once more on stop). */
const FOLD_EVERY_MS = 1000;

/**
 * A real-time stream: every tick it simulates the events "due" since the last tick (rate × time,
 * in whole groups of three slots), stamps them inside that interval and commits them as one
 * exactly-once micro-batch. Pause, resume and rate changes take effect at the next tick.
 */
export class LiveStream {
  private state: LiveState = 'stopped';
  private rate: number;
  private carry = 0;
  private nextSlot = 0;
  private batchNo = 0;
  private lastTickUs = 0n;
  private batches = 0;
  private events = 0;
  private freshnessMs: number | null = null;
  private lastBatch?: BatchResult;
  private windowStart = performance.now();
  private windowEvents = 0;
  private eps = 0;
  private loop?: Promise<void>;
  private inFlight?: Promise<void>;
  private error?: string;
  private lastFold = 0;
  private pendingFold = false;
  private wake?: () => void;
  readonly runKey: string;

  constructor(
    private readonly engine: Engine,
    private readonly options: LiveOptions,
    private readonly onBatch: (status: LiveStatus) => void = () => undefined,
  ) {
    this.rate = options.rate;
    this.runKey = `live:s${options.seed}`;
  }

  status(): LiveStatus {
    return {
      runKey: this.runKey,
      state: this.state,
      rate: this.rate,
      batches: this.batches,
      events: this.events,
      eventsPerSecond: this.eps,
      freshnessMs: this.freshnessMs,
      lastBatch: this.lastBatch,
      error: this.error,
    };
  }

  /** Starts (or resumes after a crash: the sequence continues after the last committed slot). */
  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    await ensurePipelineSchema(this.engine);
    await this.engine.withConnection('-- live resume', {}, async (conn) => {
      await ensureSimulatorTables(conn);
      const run = await openRun(conn, this.runKey, 'live', { seed: this.options.seed, prefix: this.prefix });
      // Open while it streams: a crash leaves it unfinished (resumable), a clean stop closes it.
      if (run.finished) await reopenRun(conn, this.runKey);
      ({ nextSlot: this.nextSlot, batchNo: this.batchNo } = await resumePoint(conn, this.runKey));
    });
    this.state = 'running';
    this.lastTickUs = nowUs();
    this.loop = this.run().catch((error: unknown) => {
      // A failed micro-batch rolled back; stop and say why rather than crash the host.
      this.state = 'stopped';
      this.error = error instanceof Error ? error.message : String(error);
      this.onBatch(this.status());
    });
  }

  /** Pauses; resolves once the micro-batch in flight (if any) has committed, so counts are final. */
  async pause(): Promise<void> {
    if (this.state === 'running') this.state = 'paused';
    await this.inFlight;
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.lastTickUs = nowUs();
    this.carry = 0;
    this.state = 'running';
  }

  setRate(rate: number): void {
    this.rate = rate;
  }

  /** Resolves when the stream has stopped (asked to, or on its own after a failed micro-batch: see status().error). */
  async finished(): Promise<void> {
    await this.loop;
  }

  /** Stops after the batch in flight (if any) has committed. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    this.wake?.();
    await this.loop;
  }

  private get prefix(): string {
    return `L${this.options.seed}-`;
  }

  private async run(): Promise<void> {
    const tickMs = this.options.tickMs ?? 100;
    await this.engine.withConnection('-- live stream', {}, async (conn) => {
      const merchants = await ensureSimulatorTables(conn);
      let tickStarted = Date.now();
      while (this.state !== 'stopped') {
        // Ticks are tickMs apart from start to start: a batch that took a while does not also wait a full tick.
        const wait = Math.max(0, tickStarted + tickMs - Date.now());
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, wait);
        });
        tickStarted = Date.now();
        const now = nowUs();
        const due = this.carry + (Number(now - this.lastTickUs) / 1e6) * this.rate;
        const slots = this.state === 'running' ? Math.floor(due / 3) * 3 : 0;
        if (slots === 0) {
          // Idle (paused, or a slow rate between groups): bring the gold views up to date.
          if (this.pendingFold && Date.now() - this.lastFold >= FOLD_EVERY_MS) await this.fold(conn);
          continue;
        }
        this.carry = due - slots;
        const clock: SlotClock = {
          seed: this.options.seed,
          prefix: this.prefix,
          startUs: this.lastTickUs,
          spanUs: now - this.lastTickUs,
          maxUs: now,
          slotsInSpan: slots,
          slotBase: this.nextSlot,
          seasonal: false,
          incidents: this.options.incidents ?? [],
          faultRate: this.options.faultRate ?? 0.002,
          deferRetries: true,
        };
        const lo = this.nextSlot;
        const batch = (async () => {
          await stageSimulatedBatch(conn, merchants, clock, lo, lo + slots);
          const result = await commitStagedBatch(conn, {
            runKey: this.runKey,
            batchNo: this.batchNo,
            source: 'live',
            slotLo: lo,
            slotHi: lo + slots,
            dedupeAgainstSilver: false,
            deferRetriesAfterUs: now,
            foldGold: Date.now() - this.lastFold >= FOLD_EVERY_MS,
          });
          if (Date.now() - this.lastFold >= FOLD_EVERY_MS) this.lastFold = Date.now();
          else this.pendingFold = true;
          this.nextSlot += slots;
          this.batchNo += 1;
          this.lastTickUs = now;
          this.record(result, slots);
        })();
        this.inFlight = batch;
        await batch;
      }
      if (this.pendingFold) await this.fold(conn);
      await finishRun(conn, this.runKey);
    });
  }

  private async fold(conn: Parameters<typeof foldPendingGold>[0]): Promise<void> {
    await foldPendingGold(conn);
    this.lastFold = Date.now();
    this.pendingFold = false;
  }

  private record(result: BatchResult, slots: number): void {
    this.batches += 1;
    this.events += slots;
    this.lastBatch = result;
    this.freshnessMs = result.maxTs ? Math.max(0, result.committedAt.getTime() - result.maxTs.getTime()) : null;
    this.windowEvents += slots;
    const elapsed = performance.now() - this.windowStart;
    if (elapsed >= 1000) {
      this.eps = Math.round((this.windowEvents * 1000) / elapsed);
      this.windowEvents = 0;
      this.windowStart = performance.now();
    }
    this.onBatch(this.status());
  }
}

function nowUs(): bigint {
  return BigInt(Date.now()) * 1000n;
}

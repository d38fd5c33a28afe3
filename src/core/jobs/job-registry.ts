import { randomUUID } from 'node:crypto';
import type { Job, JobKind, JobProgress } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';

/**
 * How a long task reports progress, in one place. Every background task (backfill, live stream,
 * training, warehouse pull, SQL export, agents run, bundle creation) runs through `JobRegistry.start`:
 * it gets an id, a state (queued → running → succeeded | failed | cancelled), one progress shape
 * `{ message, done, total }` pushed as `job.progressed`, and a cancel signal that `jobs.cancel` fires.
 * Jobs with the same key are single-flight: starting one while another is active returns the active one.
 */

/** What a running job's body gets. */
export interface JobContext {
  readonly id: string;
  /** Aborted by jobs.cancel (or shutdown); the body should stop at its next safe point. */
  readonly signal: AbortSignal;
  /** Moves the job on; events are throttled, state changes are always pushed. */
  progress(update: Partial<JobProgress>): void;
}

export interface JobSpec {
  kind: JobKind;
  /** Single-flight key; defaults to the kind. */
  key?: string;
  message?: string;
  total?: number | null;
}

/** For bodies that report a failure in their value rather than by throwing (e.g. an agent run's status). */
export type Outcome<T> = (value: T) => { state: 'succeeded' | 'failed' | 'cancelled'; error?: string | null };

export interface StartedJob<T> {
  job: Job;
  /** False when a job with this key was already active and was joined instead. */
  created: boolean;
  /** Settles when the job ends (the joined job's result when created is false). */
  result: Promise<T>;
}

interface Entry {
  job: Job;
  abort: AbortController;
  result: Promise<unknown>;
  lastEmit: number;
}

const EMIT_EVERY_MS = 200;
const KEEP_FINISHED = 50;

export class JobRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly events?: EventBus) {}

  /** The active (queued or running) job with this key, if any. */
  active(key: string): Job | undefined {
    for (const e of this.entries.values()) if (e.job.key === key && isActive(e.job)) return snapshot(e.job);
    return undefined;
  }

  get(id: string): Job | undefined {
    const e = this.entries.get(id);
    return e ? snapshot(e.job) : undefined;
  }

  list(kind?: JobKind): Job[] {
    return [...this.entries.values()].map((e) => snapshot(e.job)).filter((j) => !kind || j.kind === kind);
  }

  /** Starts `run` as a job, unless a job with the same key is active: then that job is returned (single-flight). */
  start<T>(spec: JobSpec, run: (ctx: JobContext) => Promise<T>, outcome?: Outcome<T>): StartedJob<T> {
    const key = spec.key ?? spec.kind;
    for (const e of this.entries.values()) {
      if (e.job.key === key && isActive(e.job)) return { job: snapshot(e.job), created: false, result: e.result as Promise<T> };
    }
    const job: Job = {
      id: randomUUID(),
      kind: spec.kind,
      key,
      state: 'running',
      progress: { message: spec.message ?? 'Starting', done: 0, total: spec.total ?? null },
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null,
    };
    const abort = new AbortController();
    const entry: Entry = { job, abort, result: Promise.resolve(), lastEmit: 0 };
    this.entries.set(job.id, entry);
    this.prune();
    const ctx: JobContext = {
      id: job.id,
      signal: abort.signal,
      progress: (update) => {
        if (!isActive(job)) return;
        job.progress = { ...job.progress, ...update };
        this.emit(entry, false);
      },
    };
    this.emit(entry, true);
    const result = (async () => run(ctx))().then(
      (value) => {
        const ended = abort.signal.aborted
          ? { state: 'cancelled' as const, error: 'Cancelled' }
          : (outcome?.(value) ?? { state: 'succeeded' as const });
        this.end(entry, ended.state, ended.error ?? null);
        return value;
      },
      (error: unknown) => {
        const cancelled = abort.signal.aborted || (error instanceof AppError && error.code === 'CANCELLED');
        this.end(entry, cancelled ? 'cancelled' : 'failed', error instanceof Error ? error.message : String(error));
        throw error;
      },
    );
    entry.result = result;
    // A caller that does not await the result must not turn a failed job into an unhandled rejection.
    result.catch(() => undefined);
    return { job: snapshot(job), created: true, result };
  }

  /** Fires the job's cancel signal; false when it is not active (or unknown). */
  cancel(id: string): boolean {
    const e = this.entries.get(id);
    if (!e || !isActive(e.job)) return false;
    e.abort.abort();
    return true;
  }

  /** Cancels every active job and waits for them to end (shutdown). */
  async close(): Promise<void> {
    const active = [...this.entries.values()].filter((e) => isActive(e.job));
    for (const e of active) e.abort.abort();
    await Promise.all(active.map((e) => e.result.catch(() => undefined)));
  }

  private end(entry: Entry, state: Job['state'], error: string | null): void {
    entry.job.state = state;
    entry.job.error = error;
    entry.job.endedAt = new Date().toISOString();
    this.emit(entry, true);
  }

  private emit(entry: Entry, force: boolean): void {
    const now = performance.now();
    if (!force && now - entry.lastEmit < EMIT_EVERY_MS) return;
    entry.lastEmit = now;
    this.events?.emit('job.progressed', snapshot(entry.job));
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => !isActive(e.job));
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.entries.delete(e.job.id);
  }
}

function isActive(job: Job): boolean {
  return job.state === 'queued' || job.state === 'running';
}

function snapshot(job: Job): Job {
  return { ...job, progress: { ...job.progress } };
}

import { AppError } from '../../shared/errors';
import type { JobRegistry } from '../jobs/job-registry';

/** Finished jobs whose result a client can still read (the newest ones). */
const KEEP_RESULTS = 20;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The results of a kind of pipeline job, read after the job ends (`pipeline.fileReplayResult`,
 * `pipeline.backfillResult`, `pipeline.liveResult`): null while the job runs, its value once it has
 * ended (a cancelled job that still returned one included), its error when it failed.
 */
export class JobResults<T> {
  private readonly results = new Map<string, Promise<Settled<T>>>();

  constructor(
    private readonly jobs: JobRegistry,
    /** What the job is, for "No recent <what> has the job id …". */
    private readonly what: string,
  ) {}

  /** Keeps the result of a job just started; resolves when it has settled. */
  track(jobId: string, result: Promise<T>): Promise<void> {
    const settled = result.then(
      (value): Settled<T> => ({ ok: true, value }),
      (error: unknown): Settled<T> => ({ ok: false, error }),
    );
    this.results.set(jobId, settled);
    for (const old of [...this.results.keys()].slice(0, Math.max(0, this.results.size - KEEP_RESULTS))) this.results.delete(old);
    return settled.then(() => undefined);
  }

  async result(jobId: string): Promise<T | null> {
    const job = this.jobs.get(jobId);
    const settled = this.results.get(jobId);
    if (!job || !settled) throw new AppError('NOT_FOUND', `No recent ${this.what} has the job id "${jobId}".`);
    if (job.state === 'queued' || job.state === 'running') return null;
    const outcome = await settled;
    if (outcome.ok) return outcome.value;
    if (outcome.error instanceof AppError) throw outcome.error;
    throw new AppError('INTERNAL', outcome.error instanceof Error ? outcome.error.message : String(outcome.error));
  }
}

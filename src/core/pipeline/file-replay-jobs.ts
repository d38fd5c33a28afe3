import type { FileReplayResult, Job, ReplayFileInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import type { JobRegistry } from '../jobs/job-registry';
import { replayFile } from './file-replay';
import { checkFileArgument } from './file-set';

/** Finished replays whose result a client can still read (the newest ones). */
const KEEP_RESULTS = 20;

type Settled = { ok: true; value: FileReplayResult } | { ok: false; error: unknown };

/**
 * `pipeline.replayFile`: a recorded file (or a glob or folder of them) replayed as a job of kind
 * `pipeline.file` under the pipeline's key, so it never races a backfill or the live stream on the
 * commit log. Progress is `{ message, done, total }` in records; `jobs.cancel` stops it after its
 * current batch (committed batches stay; a rerun of the same file resumes).
 */
export class FileReplayJobs {
  private readonly results = new Map<string, Promise<Settled>>();

  constructor(
    private readonly engine: Engine,
    private readonly jobs: JobRegistry,
    private readonly key: string,
    private readonly onEnd: () => Promise<void>,
  ) {}

  start(input: ReplayFileInput): Job {
    const active = this.jobs.active(this.key);
    if (active && active.kind !== 'pipeline.file')
      throw new AppError(
        'CONFLICT',
        `A ${active.kind === 'pipeline.live' ? 'live stream' : 'backfill'} is running; stop it before replaying a file.`,
      );
    if (!active) checkFileArgument(input.path);
    const started = this.jobs.start({ kind: 'pipeline.file', key: this.key, message: `Reading ${input.path}` }, (job) =>
      replayFile(
        this.engine,
        input.path,
        {
          signal: job.signal,
          onProgress: (p) =>
            job.progress({ done: p.eventsDone, total: p.eventsTotal, message: `Batch ${p.batchesDone} of ${p.batchesTotal}` }),
        },
        { speed: input.speed },
      ),
    );
    if (started.created) {
      const settled = started.result.then(
        (value): Settled => ({ ok: true, value }),
        (error: unknown): Settled => ({ ok: false, error }),
      );
      this.results.set(started.job.id, settled);
      for (const old of [...this.results.keys()].slice(0, Math.max(0, this.results.size - KEEP_RESULTS))) this.results.delete(old);
      void settled.then(() => this.onEnd());
    }
    return started.job;
  }

  /** The replay's summary once it has ended (null while it runs); a failed or cancelled replay throws its error. */
  async result(jobId: string): Promise<FileReplayResult | null> {
    const job = this.jobs.get(jobId);
    const settled = this.results.get(jobId);
    if (!job || !settled) throw new AppError('NOT_FOUND', `No recent file replay has the job id "${jobId}".`);
    if (job.state === 'queued' || job.state === 'running') return null;
    const outcome = await settled;
    if (outcome.ok) return outcome.value;
    if (outcome.error instanceof AppError) throw outcome.error;
    throw new AppError('INTERNAL', outcome.error instanceof Error ? outcome.error.message : String(outcome.error));
  }
}

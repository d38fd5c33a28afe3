import type { FileReplayResult, Job, ReplayFileInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import type { JobRegistry } from '../jobs/job-registry';
import { replayFile } from './file-replay';
import { JobResults } from './job-results';

/**
 * `pipeline.replayFile`: a recorded file (or a glob or folder of them) replayed as a job of kind
 * `pipeline.file` under the pipeline's key, so it never races a backfill or the live stream on the
 * commit log. Progress is `{ message, done, total }` in records; `jobs.cancel` stops it after its
 * current batch (committed batches stay; a rerun of the same file resumes).
 */
export class FileReplayJobs {
  private readonly results: JobResults<FileReplayResult>;

  constructor(
    private readonly engine: Engine,
    private readonly jobs: JobRegistry,
    private readonly key: string,
    private readonly onEnd: () => Promise<void>,
  ) {
    this.results = new JobResults(jobs, 'file replay');
  }

  start(input: ReplayFileInput): Job {
    const active = this.jobs.active(this.key);
    if (active && active.kind !== 'pipeline.file')
      throw new AppError(
        'CONFLICT',
        `A ${active.kind === 'pipeline.live' ? 'live stream' : 'backfill'} is running; stop it before replaying a file.`,
      );
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
    if (started.created) void this.results.track(started.job.id, started.result).then(() => this.onEnd());
    return started.job;
  }

  /** The replay's summary once it has ended (null while it runs); a failed or cancelled replay throws its error. */
  result(jobId: string): Promise<FileReplayResult | null> {
    return this.results.result(jobId);
  }
}

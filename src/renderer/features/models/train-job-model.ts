import type { Job, TrainJob } from '../../../shared/api';
import { isEnded } from '../../api/job-follow';

/**
 * Applies a `models.train` job's job.progressed to the training shown on the Models page. Other kinds are
 * ignored; an ended training never moves back to running; while one runs, another job's events are ignored;
 * a new job (started here, by the CLI or another window) is adopted once the shown one has ended.
 * Results are not in the event: `needsResults` says when to read them with `models.jobs`.
 */
export function applyTrainProgress(shown: TrainJob | null, job: Job): TrainJob | null {
  if (job.kind !== 'models.train') return shown;
  if (shown && shown.id === job.id && isEnded(shown) && !isEnded(job)) return shown;
  if (shown && shown.id !== job.id && !isEnded(shown)) return shown;
  const base: TrainJob =
    shown && shown.id === job.id
      ? shown
      : {
          id: job.id,
          state: job.state,
          models: [],
          startedAt: job.startedAt,
          finishedAt: null,
          progress: job.progress,
          error: null,
          results: [],
        };
  return {
    ...base,
    state: job.state,
    progress: job.progress,
    finishedAt: job.endedAt,
    error: job.state === 'failed' ? job.error : null,
  };
}

/** True when the job ended or saved a model the shown training does not list yet (read `models.jobs` then). */
export function needsResults(shown: TrainJob | null, job: Job): boolean {
  if (job.kind !== 'models.train' || !shown || shown.id !== job.id) return false;
  return isEnded(shown) || Math.floor(job.progress.done) > shown.results.length;
}

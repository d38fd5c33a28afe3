import type { Job } from '../api/domains/jobs';

/** How fast a job moves and when it should end, from its one progress shape and its start time. */
export interface JobRate {
  perSecond: number;
  /** Seconds left; null while the total or the speed is unknown. */
  etaSeconds: number | null;
}

/** Speed since the job started (units of `done` per second) and the time left at that speed. */
export function jobRate(job: Pick<Job, 'startedAt' | 'endedAt' | 'progress'>, nowMs: number = Date.now()): JobRate {
  const end = job.endedAt ? Date.parse(job.endedAt) : nowMs;
  const seconds = (end - Date.parse(job.startedAt)) / 1000;
  const { done, total } = job.progress;
  const perSecond = seconds > 0 ? done / seconds : 0;
  const etaSeconds = total !== null && perSecond > 0 ? Math.max(0, (total - done) / perSecond) : null;
  return { perSecond, etaSeconds };
}

import type { Job, JobKind } from '../../shared/api';
import { hasEnded } from '../../shared/jobs/state';
import type { ApiClient } from './client';

/** Which job a view adopts before it knows the job's id: the first running one with this key and/or of this kind. */
export interface JobMatch {
  key?: string;
  kind?: JobKind;
}

export function isEnded(job: Pick<Job, 'state'> | null | undefined): boolean {
  return job !== undefined && job !== null && hasEnded(job.state);
}

/**
 * The job a view shows after a `job.progressed` (or a `jobs.list` row). Once the view has a job, only that job
 * moves it, and an ended job never goes back (events may arrive after a direct read); before, the first running
 * job that matches is adopted (an empty match adopts nothing). Returns `current` itself when nothing moves.
 */
export function nextFollowed(current: Job | undefined, event: Job, match: JobMatch = {}): Job | undefined {
  if (current) return event.id === current.id && !isEnded(current) ? event : current;
  if (match.key === undefined && match.kind === undefined) return undefined;
  const matches = (match.key === undefined || match.key === event.key) && (match.kind === undefined || match.kind === event.kind);
  return matches && event.state === 'running' ? event : undefined;
}

/**
 * Follows `job.progressed` for one view: `current` reads the job it shows, `moved` gets the followed job each
 * time it changes. Returns the unsubscribe.
 */
export function followJob(
  events: Pick<ApiClient, 'on'>,
  match: JobMatch,
  current: () => Job | undefined,
  moved: (job: Job) => void,
): () => void {
  return events.on('job.progressed', (event) => {
    const before = current();
    const next = nextFollowed(before, event, match);
    if (next && next !== before) moved(next);
  });
}

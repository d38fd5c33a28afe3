import type { JobState } from '../api/domains/jobs';

/** True once a job has ended (succeeded, failed or cancelled): the one reading of the one state vocabulary. */
export function hasEnded(state: JobState): boolean {
  return state !== 'queued' && state !== 'running';
}

import type { JobProgress } from '../api/domains/jobs';

/** How far a job has come, from 0 to 1, read from its one progress shape; 0 while its total is not known. */
export function progressFraction({ done, total }: JobProgress): number {
  return total !== null && total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
}

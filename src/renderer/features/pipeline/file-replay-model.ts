import type { FileReplayResult, Job } from '../../../shared/api';
import { progressFraction } from '../../../shared/jobs/progress';
import { nextFollowed } from '../../api/job-follow';

/** The "Replay a file" form: what was asked, the job that runs it, and how it ended. */
export interface FileReplayView {
  path: string;
  /** The start was sent and not answered yet: the button stays disabled. */
  pending: boolean;
  job?: Job;
  result?: FileReplayResult;
  error?: string;
}

export const initialFileReplay: FileReplayView = { path: '', pending: false };

/**
 * Applies a `job.progressed` (or a `jobs.list` row) to the form: only its own job moves it, and a
 * job never goes back from an ended state to running (events may arrive after a direct read).
 */
export function applyJob(view: FileReplayView, event: Job): FileReplayView {
  const job = nextFollowed(view.job, event);
  if (!job || job === view.job) return view;
  return { ...view, job, error: job.state === 'failed' || job.state === 'cancelled' ? (job.error ?? job.state) : view.error };
}

/** A replay's progress as a percentage; a job whose total is not known yet is at 0. */
export function percent(job: Job | undefined): number {
  if (!job) return 0;
  if (job.state === 'succeeded') return 100;
  return Math.round(100 * progressFraction(job.progress));
}

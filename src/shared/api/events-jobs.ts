import { event } from './define';
import { Job } from './domains/jobs';

/** One event for every long task: backfill, live stream, training, pull, export, agents run, bundle creation. */
export const jobsEvents = {
  'job.progressed': event(Job, 'A job was queued, moved on, or ended (succeeded, failed or cancelled).'),
} as const;

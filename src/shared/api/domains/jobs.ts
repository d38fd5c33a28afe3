import { z } from 'zod';
import { method } from '../define';

/** Every kind of long task the app runs in the background. */
export const JobKind = z.enum([
  'pipeline.backfill',
  'pipeline.live',
  'pipeline.file',
  'models.train',
  'warehouse.pull',
  'sqlwb.export',
  'sqlwb.import',
  'agents.run',
  'bundles.create',
]);
export type JobKind = z.infer<typeof JobKind>;

export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

/** The one progress shape: what is happening, and how far (`total` null when unknown, e.g. a live stream). */
export const JobProgress = z.object({ message: z.string(), done: z.number(), total: z.number().nullable() });
export type JobProgress = z.infer<typeof JobProgress>;

/** A long task as the server sees it; the server is the only judge of its state. */
export const Job = z.object({
  id: z.string(),
  kind: JobKind,
  /** Jobs with the same key never run at the same time (starting one again joins the running one). */
  key: z.string(),
  state: JobState,
  progress: JobProgress,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Why it failed or was cancelled. */
  error: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

export const jobsMethods = {
  'jobs.list': method(
    z.object({ kind: JobKind.optional() }).strict(),
    z.object({ jobs: z.array(Job) }),
    'Running jobs and the most recent finished ones, oldest first.',
  ),
  'jobs.cancel': method(
    z.object({ id: z.string().min(1).max(200) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancels a queued or running job; false when it had already ended or does not exist.',
  ),
} as const;

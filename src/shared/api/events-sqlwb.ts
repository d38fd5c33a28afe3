import { z } from 'zod';
import { event } from './define';

/** Progress of the SQL workbench's long work (exports, imports). */
export const sqlwbEvents = {
  'sqlwb.progressed': event(
    z.object({
      jobId: z.string(),
      kind: z.enum(['export', 'import']),
      percent: z.number(),
      rows: z.number().nullable(),
      done: z.boolean(),
    }),
    'An export or import moved on.',
  ),
} as const;

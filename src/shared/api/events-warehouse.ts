import { z } from 'zod';
import { event } from './define';

/** A starting warehouse being waited for (a wait, not a job: pulls report progress as job.progressed). */
export const warehouseEvents = {
  'warehouse.starting': event(
    z.object({
      profileId: z.string(),
      profileName: z.string(),
      /** `waiting` while the warehouse answers 503 + Retry-After; `ready` once the session opened after a wait. */
      state: z.enum(['waiting', 'ready']),
      waitedSeconds: z.number(),
      /** The wait before the next try, and the whole budget (seconds). */
      nextWaitSeconds: z.number(),
      budgetSeconds: z.number(),
      message: z.string(),
    }),
    'A SQL warehouse that is starting (auto-start) is being waited for; the statement runs once it is up.',
  ),
} as const;

import { z } from 'zod';
import { event } from './define';

/** Progress of pulls from a Databricks warehouse. */
export const warehouseEvents = {
  'warehouse.pullProgress': event(
    z.object({
      pullId: z.string(),
      profileId: z.string(),
      table: z.string(),
      rows: z.number(),
      rowsPerSecond: z.number(),
      /** Seconds left, when the total is known (table pulls count first). */
      etaSeconds: z.number().nullable(),
      totalRows: z.number().nullable(),
      state: z.enum(['running', 'done', 'cancelled', 'failed']),
      message: z.string().nullable(),
    }),
    'Rows copied so far by a running pull.',
  ),
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

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
} as const;

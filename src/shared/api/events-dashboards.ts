import { z } from 'zod';
import { event } from './define';

/** Pushed when new events reached gold, so open dashboards refresh without polling. */
export const dashboardEvents = {
  'kpis.changed': event(
    z
      .object({
        /** Timestamp of the newest event now in silver (ISO), when known. */
        newestEvent: z.string().nullable().optional(),
        /** Rows added since the previous notice. */
        rows: z.number().optional(),
      })
      .passthrough(),
    'New data reached the gold views; dashboards re-run their datasets.',
  ),
} as const;

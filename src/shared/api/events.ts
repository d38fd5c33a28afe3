import { z } from 'zod';
import { event } from './define';

/** Events of the app itself; each feature adds its own file next to this one. */
export const appEvents = {
  'engine.changed': event(
    z.object({ reason: z.string(), relations: z.array(z.string()) }),
    'Tables or views were created, changed or dropped.',
  ),
  'engine.restarted': event(
    z.object({
      reason: z.enum(['crashed', 'cancel-ignored', 'timeout-ignored', 'unresponsive']),
      /** What was running when the engine process ended, when known. */
      statement: z.string().nullable(),
      restarts: z.number().int(),
      at: z.string(),
    }),
    'The engine process ended (a crash, a statement that ignored cancel) and was restarted on the same database.',
  ),
} as const;

import { z } from 'zod';
import { event } from './define';

/** Events of the app itself; each feature adds its own file next to this one. */
export const appEvents = {
  'engine.changed': event(
    z.object({ reason: z.string(), relations: z.array(z.string()) }),
    'Tables or views were created, changed or dropped.',
  ),
} as const;

import { z } from 'zod';
import { event } from './define';

/** Events of the Ask pane: model output as it streams in. */
export const askEvents = {
  'ask.streamed': event(
    z.object({ askId: z.string(), text: z.string(), phase: z.enum(['generating', 'repairing', 'running', 'done']) }),
    'Text a language model has streamed so far for one question.',
  ),
} as const;

import { z } from 'zod';
import { event } from './define';
import { AgentRun } from './domains/agents';

/** Events of the agents domain: runs starting and ending, recommendations changing. */
export const agentsEvents = {
  'agents.runUpdated': event(AgentRun, 'An agent run started, finished, failed or was cancelled.'),
  'agents.recommendationsChanged': event(z.object({ runId: z.string().nullable() }), 'Recommendations were added or changed.'),
} as const;

import type { AgentId } from '../../shared/api';
import { declineAnalyst } from './specialists/decline-analyst';
import { performanceRecommender } from './specialists/performance-recommender';
import { riskAssessor } from './specialists/risk-assessor';
import { smartRetry } from './specialists/smart-retry';
import { smartRouting } from './specialists/smart-routing';
import type { Agent } from './types';

/** The five specialists, in the order the orchestrator runs them. */
export const SPECIALISTS: Agent[] = [smartRouting, smartRetry, declineAnalyst, riskAssessor, performanceRecommender];

export interface AgentDescriptor {
  id: AgentId;
  name: string;
  looksAt: string;
  sources: string[];
  relatedViews: string[];
  /** The platform's schedule (resources/ai_gateway.yml). */
  defaultIntervalMs: number;
}

const HOUR = 3_600_000;
const DEFAULT_INTERVALS: Record<AgentId, number> = {
  smart_routing: 6 * HOUR,
  smart_retry: 4 * HOUR,
  decline_analyst: 24 * HOUR,
  risk_assessor: 2 * HOUR,
  performance_recommender: 24 * HOUR,
  orchestrator: 7 * 24 * HOUR,
};

export const DESCRIPTORS: AgentDescriptor[] = [
  ...SPECIALISTS.map((a) => ({
    id: a.id,
    name: a.name,
    looksAt: a.looksAt,
    sources: a.sources,
    relatedViews: a.relatedViews,
    defaultIntervalMs: DEFAULT_INTERVALS[a.id],
  })),
  {
    id: 'orchestrator',
    name: 'Orchestrator',
    looksAt:
      'Runs the five agents, removes findings two agents share, ranks the rest by severity and expected impact and writes an executive summary.',
    sources: ['agent_recommendations', 'agent_runs'],
    relatedViews: ['v_agent_recommendations'],
    defaultIntervalMs: DEFAULT_INTERVALS.orchestrator,
  },
];

export const AGENT_NAMES: Record<string, string> = Object.fromEntries(DESCRIPTORS.map((d) => [d.id, d.name]));

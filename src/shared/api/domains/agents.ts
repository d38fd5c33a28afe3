import { z } from 'zod';
import { method } from '../define';
import { Table } from './common';

export const AGENT_IDS = [
  'smart_routing',
  'smart_retry',
  'decline_analyst',
  'risk_assessor',
  'performance_recommender',
  'orchestrator',
] as const;
export const AgentId = z.enum(AGENT_IDS);
export type AgentId = z.infer<typeof AgentId>;

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;
export const RecommendationStatus = z.enum(['open', 'accepted', 'dismissed']);
export type RecommendationStatus = z.infer<typeof RecommendationStatus>;

export const AgentSchedule = z.object({
  enabled: z.boolean(),
  /** Minimum one minute: short intervals are for demos. */
  intervalMs: z
    .number()
    .int()
    .min(60_000)
    .max(14 * 86_400_000),
  nextRunAt: z.string().nullable(),
});
export type AgentSchedule = z.infer<typeof AgentSchedule>;

export const RunStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'not_enough_data']);
export type RunStatus = z.infer<typeof RunStatus>;

/** One run of one agent, as its history shows it. */
export const AgentRun = z.object({
  runId: z.string(),
  agent: AgentId,
  parentRunId: z.string().nullable(),
  trigger: z.enum(['manual', 'schedule', 'cli']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  status: RunStatus,
  findings: z.number().int(),
  message: z.string().nullable(),
  /** While the run runs: the job it runs in (an orchestrator's children share its job); cancel it with jobs.cancel. */
  jobId: z.string().optional(),
});
export type AgentRun = z.infer<typeof AgentRun>;

export const AgentInfo = z.object({
  id: AgentId,
  name: z.string(),
  looksAt: z.string(),
  /** Tables the agent reads. */
  sources: z.array(z.string()),
  /** Gold views that show the same numbers on a dashboard or in the SQL editor. */
  relatedViews: z.array(z.string()),
  schedule: AgentSchedule,
  lastRun: AgentRun.nullable(),
});
export type AgentInfo = z.infer<typeof AgentInfo>;

/** A row of agent_recommendations, with its evidence parsed. */
export const Recommendation = z.object({
  recommendationId: z.string(),
  agent: AgentId,
  runId: z.string(),
  createdAt: z.string(),
  severity: Severity,
  title: z.string(),
  recommendation: z.string(),
  evidenceSql: z.string(),
  evidence: Table,
  expectedImpact: z.string(),
  expectedImpactValue: z.number(),
  narrative: z.string().nullable(),
  status: RecommendationStatus,
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RunAgentsInput = z
  .object({
    /** One agent; omitted means the orchestrator, which runs the other five. */
    agent: AgentId.optional(),
    /** Skip the language-model narrative even when one is configured. */
    noNarrative: z.boolean().optional(),
    /** Who asked: a person in the app (default) or the command line; stored on the run. */
    trigger: z.enum(['manual', 'cli']).optional(),
  })
  .strict();

export const RunAgentsResult = z.object({
  run: AgentRun,
  /** The runs of the agents the orchestrator started. */
  childRuns: z.array(AgentRun),
  recommendations: z.array(Recommendation),
  summary: z.string().nullable(),
});
export type RunAgentsResult = z.infer<typeof RunAgentsResult>;

export const RecommendationFilter = z
  .object({
    agent: AgentId.optional(),
    severity: Severity.optional(),
    status: RecommendationStatus.optional(),
    limit: z.number().int().positive().max(1000).optional(),
  })
  .strict();

export const agentsMethods = {
  'agents.list': method(z.object({}).strict(), z.array(AgentInfo), 'The six agents: what each looks at, its schedule and its last run.'),
  'agents.run': method(
    RunAgentsInput,
    RunAgentsResult,
    'Runs one agent now (or the orchestrator, which runs the others) as an agents.run job and stores its findings; a running run carries its jobId for jobs.cancel.',
  ),
  'agents.runs': method(
    z.object({ agent: AgentId.optional(), limit: z.number().int().positive().max(500).optional() }).strict(),
    z.array(AgentRun),
    'Run history, newest first: duration, findings, failures with their message.',
  ),
  'agents.recommendations': method(
    RecommendationFilter,
    z.array(Recommendation),
    'Stored recommendations, highest severity and impact first.',
  ),
  'agents.setStatus': method(
    z.object({ recommendationId: z.string().min(1), status: RecommendationStatus }).strict(),
    Recommendation,
    'Accepts, dismisses or reopens a recommendation.',
  ),
  'agents.setSchedule': method(
    z.object({ agent: AgentId, enabled: z.boolean(), intervalMs: AgentSchedule.shape.intervalMs }).strict(),
    AgentInfo,
    'Changes when an agent runs on its own while the app is open.',
  ),
} as const;

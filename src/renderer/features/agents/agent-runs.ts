import type { AgentInfo, AgentRun } from '../../../shared/api';

/** How many runs the page keeps, newest first. */
export const RUNS_KEPT = 50;

/**
 * An `agents.runUpdated` event applied to the page's lists (pure): the run replaces its older self or joins the list,
 * which stays newest first and at most RUNS_KEPT long, and its agent's card shows it as the last run.
 */
export function withRunUpdate(state: { runs: AgentRun[]; agents: AgentInfo[] }, run: AgentRun): { runs: AgentRun[]; agents: AgentInfo[] } {
  return {
    runs: [run, ...state.runs.filter((r) => r.runId !== run.runId)]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, RUNS_KEPT),
    agents: state.agents.map((a) => (a.id === run.agent ? { ...a, lastRun: run } : a)),
  };
}

/** The runs started from this page, without one agent's (pure: a new object, the old one untouched). */
export function withoutPending<K extends string, V>(pending: Partial<Record<K, V>>, agent: K): Partial<Record<K, V>> {
  const next = { ...pending };
  delete next[agent];
  return next;
}

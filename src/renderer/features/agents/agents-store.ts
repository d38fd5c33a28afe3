import { create } from 'zustand';
import type { AgentId, AgentInfo, AgentRun, Recommendation, RecommendationStatus, Severity } from '../../../shared/api';
import { api } from '../../api/client';
import { withoutPending, withRunUpdate } from './agent-runs';

export interface RecommendationFilters {
  agent?: AgentId;
  severity?: Severity;
  status?: RecommendationStatus;
}

interface AgentsState {
  agents: AgentInfo[];
  runs: AgentRun[];
  recommendations: Recommendation[];
  filters: RecommendationFilters;
  /** Runs started from this page, by agent, so they can be cancelled. */
  pending: Partial<Record<AgentId, AbortController>>;
  error?: string;
  loaded: boolean;
  load(): Promise<void>;
  refreshRecommendations(): Promise<void>;
  runNow(agent: AgentId): Promise<void>;
  cancel(agent: AgentId): void;
  cancelRun(runId: string): Promise<void>;
  setFilters(filters: RecommendationFilters): Promise<void>;
  setStatus(recommendationId: string, status: RecommendationStatus): Promise<void>;
  setSchedule(agent: AgentId, enabled: boolean, intervalMs: number): Promise<void>;
  subscribe(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The Agents page: the six agents, their runs, and the recommendations they stored. */
export const useAgentsStore = create<AgentsState>((set, get) => ({
  agents: [],
  runs: [],
  recommendations: [],
  filters: { status: 'open' },
  pending: {},
  loaded: false,
  async load() {
    try {
      const [agents, runs] = await Promise.all([api.call('agents.list', {}), api.call('agents.runs', { limit: 50 })]);
      set({ agents, runs, loaded: true });
      await get().refreshRecommendations();
    } catch (e) {
      set({ error: message(e), loaded: true });
    }
  },
  async refreshRecommendations() {
    try {
      set({ recommendations: await api.call('agents.recommendations', { ...get().filters, limit: 200 }) });
    } catch (e) {
      set({ error: message(e) });
    }
  },
  async runNow(agent) {
    const controller = new AbortController();
    set((s) => ({ pending: { ...s.pending, [agent]: controller }, error: undefined }));
    try {
      await api.call('agents.run', { agent }, { signal: controller.signal });
    } catch (e) {
      if (!controller.signal.aborted) set({ error: message(e) });
    } finally {
      set((s) => ({ pending: withoutPending(s.pending, agent) }));
      await get().load();
    }
  },
  cancel(agent) {
    get().pending[agent]?.abort();
  },
  async cancelRun(runId) {
    // A running agent run is a job (an orchestrator's children share its job): cancel the job.
    const runs = [...get().runs, ...get().agents.flatMap((a) => (a.lastRun ? [a.lastRun] : []))];
    const id = runs.find((r) => r.runId === runId && r.jobId)?.jobId;
    if (id) await api.call('jobs.cancel', { id }).catch((e: unknown) => set({ error: message(e) }));
  },
  async setFilters(filters) {
    set({ filters });
    await get().refreshRecommendations();
  },
  async setStatus(recommendationId, status) {
    try {
      const updated = await api.call('agents.setStatus', { recommendationId, status });
      set((s) => ({ recommendations: s.recommendations.map((r) => (r.recommendationId === updated.recommendationId ? updated : r)) }));
    } catch (e) {
      set({ error: message(e) });
    }
  },
  async setSchedule(agent, enabled, intervalMs) {
    try {
      const info = await api.call('agents.setSchedule', { agent, enabled, intervalMs });
      set((s) => ({ agents: s.agents.map((a) => (a.id === agent ? info : a)) }));
    } catch (e) {
      set({ error: message(e) });
    }
  },
  subscribe() {
    const offRun = api.on('agents.runUpdated', (run) => {
      set((s) => withRunUpdate(s, run));
    });
    const offRecs = api.on('agents.recommendationsChanged', () => void get().refreshRecommendations());
    return () => {
      offRun();
      offRecs();
    };
  },
}));

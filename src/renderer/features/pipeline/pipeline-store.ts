import { create } from 'zustand';
import type { ExpectationRow, GoldCount, PipelineStatus, SilverKpis } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { api } from '../../api/client';
import { backfillProblem, isFinal, rateProblem, type Progress } from './pipeline-model';
import { withProgress } from './pipeline-view';

export interface PipelineState {
  status?: PipelineStatus;
  progress?: Progress;
  /** Silver's totals: read when the page opens, then pushed with each batch. */
  kpis?: SilverKpis;
  expectations: ExpectationRow[];
  gold: GoldCount[];
  goldLoading: boolean;
  error?: string;
  /** The job the last Start began: Cancel reaches it even before the page's status has loaded (or when an older answer lands late). */
  startedBackfillJob?: string;
  /** A start sent and not yet answered: Start stays disabled, and a second click sends nothing. */
  pending?: 'live' | 'backfill';
  form: { events: number; days: number; seed: number; rate: number };
  setForm(patch: Partial<PipelineState['form']>): void;
  load(): Promise<void>;
  loadGold(): Promise<void>;
  subscribe(): () => void;
  startBackfill(): Promise<void>;
  cancelBackfill(): Promise<void>;
  startLive(): Promise<void>;
  pauseLive(): Promise<void>;
  resumeLive(): Promise<void>;
  setRate(): Promise<void>;
  stopLive(): Promise<void>;
}

/** After Cancel, how many times (every 500 ms) the status is read until the backfill has ended. */
const CANCEL_CHECKS = 60;

/** While a run is going the data-quality report follows it, at most this often. */
const REPORT_EVERY_MS = 2000;

/** The Pipeline page: commands go through the API client, live numbers arrive as pushed events. */
export const usePipelineStore = create<PipelineState>((set, get) => {
  let lastReport = 0;
  const attempt = async (work: () => Promise<unknown>) => {
    set({ error: undefined });
    try {
      await work();
    } catch (error) {
      set({ error: error instanceof AppError ? error.message : String(error) });
    }
  };
  /** Single-flight on this side too; the server still joins concurrent starts into one job and is the judge of state. */
  const starting = async (kind: 'live' | 'backfill', work: () => Promise<unknown>) => {
    if (get().pending) return;
    set({ pending: kind });
    try {
      await attempt(work);
    } finally {
      set({ pending: undefined });
    }
  };
  /** A form problem is said before anything is sent (the server's own check speaks in schema terms). */
  const refuse = (problem: string | null) => {
    if (problem) set({ error: problem });
    return problem !== null;
  };
  const refreshStatus = async () => set({ status: await api.call('pipeline.status', {}) });
  const refreshReport = async () => set({ expectations: (await api.call('pipeline.expectations', { limit: 50 })).rows });
  return {
    expectations: [],
    gold: [],
    goldLoading: false,
    form: { events: 1_000_000, days: 30, seed: 7, rate: 1000 },
    setForm: (patch) => set({ form: { ...get().form, ...patch } }),
    load: () =>
      attempt(async () => {
        await refreshStatus();
        await refreshReport();
        set({ kpis: await api.call('pipeline.kpis', {}) });
      }),
    loadGold: () =>
      attempt(async () => {
        set({ goldLoading: true });
        try {
          set({ gold: (await api.call('pipeline.goldCounts', {})).views });
        } finally {
          set({ goldLoading: false });
        }
      }),
    subscribe() {
      const offProgress = api.on('pipeline.progressed', (p) => {
        set(withProgress(get(), p));
        if (isFinal(p)) void get().load();
        else if (Date.now() - lastReport > REPORT_EVERY_MS) {
          lastReport = Date.now();
          void refreshReport().catch(() => undefined);
        }
      });
      const offKpis = api.on('kpis.changed', (k) => set({ kpis: k }));
      return () => {
        offProgress();
        offKpis();
      };
    },
    startBackfill: async () => {
      if (refuse(backfillProblem(get().form))) return;
      await starting('backfill', async () => {
        const { events, days, seed } = get().form;
        const backfill = await api.call('pipeline.startBackfill', { events, days, seed });
        set({
          progress: undefined,
          startedBackfillJob: backfill.jobId ?? undefined,
          status: get().status ? { ...get().status!, backfill } : undefined,
        });
      });
    },
    cancelBackfill: () =>
      attempt(async () => {
        const known = get().status?.backfill;
        const jobId = known?.state === 'running' && known.jobId ? known.jobId : get().startedBackfillJob;
        if (!jobId) return;
        await api.call('jobs.cancel', { id: jobId });
        // The job's own "cancelled" event normally says it; read the status too, so a missed event cannot leave the bar running.
        for (let i = 0; i < CANCEL_CHECKS && get().status?.backfill?.state !== 'cancelled'; i++) {
          const status = await api.call('pipeline.status', {});
          if (status.backfill?.jobId === jobId && status.backfill.state !== 'running') {
            set({ status, progress: get().progress?.mode === 'backfill' ? undefined : get().progress });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }),
    startLive: async () => {
      if (refuse(rateProblem(get().form.rate))) return;
      await starting('live', async () => {
        await api.call('pipeline.startLive', { rate: get().form.rate, seed: get().form.seed });
        await refreshStatus();
      });
    },
    pauseLive: () =>
      attempt(async () => {
        await api.call('pipeline.pauseLive', {});
        await refreshStatus();
      }),
    resumeLive: () =>
      attempt(async () => {
        await api.call('pipeline.resumeLive', {});
        await refreshStatus();
      }),
    setRate: async () => {
      if (refuse(rateProblem(get().form.rate))) return;
      await attempt(async () => {
        await api.call('pipeline.setLiveRate', { rate: get().form.rate });
        await refreshStatus();
      });
    },
    stopLive: () =>
      attempt(async () => {
        await api.call('pipeline.stopLive', {});
        await refreshStatus();
      }),
  };
});

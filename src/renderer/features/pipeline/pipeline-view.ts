import type { PipelineStatus } from '../../../shared/api';
import type { Progress } from './pipeline-model';

/** What the Pipeline page's panels read from its store (the store's full state is in pipeline-store.ts). */
export interface PipelineSlice {
  error?: string;
  status?: PipelineStatus;
  progress?: Progress;
  pending?: 'live' | 'backfill';
  form: { events: number; days: number; seed: number; rate: number };
}

/**
 * A pushed progress event applied to the page's state (pure): the event itself, and the layer counts it carries
 * copied into the status. Everything else (the backfill record, the KPIs, the form) keeps its identity, so a panel
 * that shows none of it is not drawn again.
 */
export function withProgress<S extends PipelineSlice>(state: S, p: Progress): Pick<S, 'progress' | 'status'> {
  return { progress: p, status: state.status ? { ...state.status, layers: p.layers } : state.status } as Pick<S, 'progress' | 'status'>;
}

function liveStateOf(s: PipelineSlice): string {
  const live = s.progress?.mode === 'live' ? s.progress : undefined;
  return live?.state ?? s.status?.live?.state ?? 'stopped';
}

function backfillOf(s: PipelineSlice) {
  const record = s.status?.backfill;
  const progress = s.progress?.mode === 'backfill' ? s.progress : undefined;
  const state = progress?.state ?? record?.state;
  return {
    shown: Boolean(record),
    running: state === 'running',
    state,
    done: progress?.eventsDone ?? record?.eventsDone ?? 0,
    total: progress?.eventsTotal ?? record?.eventsTotal ?? 0,
    eventsPerSecond: progress?.eventsPerSecond ?? record?.eventsPerSecond ?? 0,
    message: progress?.message ?? record?.message,
  };
}

/**
 * The live-stream panel's view: plain values only, so `useShallow` compares them field by field and the panel
 * redraws when one of them changes, not when another part of the store does.
 */
export function livePanelView(s: PipelineSlice) {
  const live = s.progress?.mode === 'live' ? s.progress : undefined;
  return {
    liveState: liveStateOf(s),
    eventsPerSecond: live?.eventsPerSecond ?? 0,
    freshnessMs: live?.freshnessMs ?? undefined,
    streamed: live?.eventsDone ?? s.status?.live?.events ?? 0,
    rate: s.form.rate,
    pending: s.pending,
    backfillRunning: backfillOf(s).running,
  };
}

/** The backfill panel's view (plain values): unchanged by a live stream's progress events. */
export function backfillPanelView(s: PipelineSlice) {
  const b = backfillOf(s);
  return {
    shown: b.shown,
    running: b.running,
    state: b.state,
    done: b.done,
    total: b.total,
    eventsPerSecond: b.eventsPerSecond,
    message: b.message,
    events: s.form.events,
    days: s.form.days,
    seed: s.form.seed,
    liveStopped: liveStateOf(s) === 'stopped',
    pending: s.pending,
  };
}

/**
 * What the page itself shows (the error). Everything else is drawn by panels with their own subscriptions: a parent
 * that redraws redraws its children, so the page must not subscribe to anything that a progress event changes.
 */
export function pipelinePageView(s: PipelineSlice) {
  return { error: s.error };
}

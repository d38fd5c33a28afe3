import { create } from 'zustand';
import type { LayerCounts } from '../../shared/api';
import { api } from '../api/client';
import type { PipelineRun } from './stream-status';

interface StreamState {
  layers?: LayerCounts;
  /** The latest run the pipeline reported, live stream or backfill. */
  run?: PipelineRun;
  /** Reads the pipeline's status once, then follows its pushed events (no polling). */
  start(): () => void;
}

export const useStreamStore = create<StreamState>((set) => ({
  start() {
    void api
      .call('pipeline.status', {})
      .then((status) => {
        const live = status.live;
        set({
          layers: status.layers,
          run: live
            ? {
                mode: 'live',
                state: live.state,
                eventsDone: live.events,
                eventsTotal: null,
                eventsPerSecond: live.eventsPerSecond,
                freshnessMs: live.freshnessMs,
              }
            : undefined,
        });
      })
      .catch(() => undefined);
    const offProgress = api.on('pipeline.progressed', (p) => set({ layers: p.layers, run: p }));
    // A file replay reports as a job: read the layer counts again when it ends.
    const offJobs = api.on('job.progressed', (job) => {
      if (job.kind !== 'pipeline.file' || job.state === 'running' || job.state === 'queued') return;
      void api
        .call('pipeline.status', {})
        .then((status) => set({ layers: status.layers }))
        .catch(() => undefined);
    });
    return () => {
      offProgress();
      offJobs();
    };
  },
}));

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
    return api.on('pipeline.progressed', (p) => set({ layers: p.layers, run: p }));
  },
}));

import { create } from 'zustand';
import { api } from '../../api/client';
import { useAppStore } from '../../stores/app-store';
import { SAMPLE_DATA, sampleProgress, type SampleProgress } from './sample-data';

interface WelcomeState {
  sample: SampleProgress;
  /** Starts the seeded month through the existing backfill API and follows its pushed progress; resolves when it ends. */
  loadSample(): Promise<boolean>;
}

export const useWelcomeStore = create<WelcomeState>((set, get) => ({
  sample: { phase: 'idle' },
  loadSample() {
    if (get().sample.phase === 'running') return Promise.resolve(false);
    set({ sample: { phase: 'running', fraction: 0 } });
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        off();
        if (ok) void useAppStore.getState().refreshCatalog();
        resolve(ok);
      };
      const off = api.on('pipeline.progressed', (p) => {
        const next = sampleProgress(p);
        if (!next) return;
        set({ sample: next });
        if (next.phase === 'done') finish(true);
        else if (next.phase === 'failed') finish(false);
      });
      api
        .call('pipeline.startBackfill', { ...SAMPLE_DATA })
        .then((status) => {
          // A very small backfill can finish before its first event reaches us.
          if (status.state === 'done') {
            set({ sample: { phase: 'done' } });
            finish(true);
          }
        })
        .catch((error: unknown) => {
          set({ sample: { phase: 'failed', message: error instanceof Error ? error.message : String(error) } });
          finish(false);
        });
    });
  },
}));

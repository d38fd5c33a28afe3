import { create } from 'zustand';
import type { ImportPreview, Job } from '../../../../shared/api';
import { progressFraction } from '../../../../shared/jobs/progress';
import { api } from '../../../api/client';
import { followJob } from '../../../api/job-follow';
import { useAppStore } from '../../../stores/app-store';

const CHUNK_BYTES = 4 * 1024 * 1024;

type Phase = 'idle' | 'uploading' | 'preview' | 'loading' | 'done' | 'error';

interface ImportState {
  phase: Phase;
  fileName?: string;
  percent: number;
  preview?: ImportPreview;
  error?: string;
  loaded?: { table: string; rows: number };
  start(file: File): Promise<void>;
  load(table: string): Promise<void>;
  close(): void;
}

/** A file slice as base64, read natively by the browser (fast for multi-MB slices). */
function sliceBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

const newId = () => `up${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** Import a dropped file: upload in slices with progress, preview, then create the table. */
export const useImportStore = create<ImportState>((set, get) => ({
  phase: 'idle',
  percent: 0,
  async start(file) {
    const uploadId = newId();
    set({ phase: 'uploading', fileName: file.name, percent: 0, preview: undefined, error: undefined, loaded: undefined });
    try {
      const chunks = Math.max(1, Math.ceil(file.size / CHUNK_BYTES));
      for (let i = 0; i < chunks; i++) {
        const chunk = await sliceBase64(file.slice(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
        await api.call('sqlwb.uploadChunk', { uploadId, fileName: file.name, chunk, index: i });
        set({ percent: Math.round((100 * (i + 1)) / chunks) });
      }
      const preview = await api.call('sqlwb.importPreview', { uploadId });
      set({ phase: 'preview', preview });
    } catch (error) {
      set({ phase: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  async load(table) {
    const preview = get().preview;
    if (!preview) return;
    set({ phase: 'loading', percent: 0, error: undefined });
    // The load's job, adopted by its key (the call answers only when it has ended).
    let followed: Job | undefined;
    const off = followJob(
      api,
      { key: `sqlwb.import:${preview.uploadId}` },
      () => followed,
      (job) => {
        followed = job;
        if (job.state === 'running') set({ percent: Math.round(100 * progressFraction(job.progress)) });
      },
    );
    try {
      const loaded = await api.call('sqlwb.importLoad', { uploadId: preview.uploadId, table });
      set({ phase: 'done', loaded, percent: 100 });
      void useAppStore.getState().refreshCatalog();
    } catch (error) {
      set({ phase: 'preview', error: error instanceof Error ? error.message : String(error) });
    } finally {
      off();
    }
  },
  close() {
    set({ phase: 'idle', preview: undefined, error: undefined, loaded: undefined, percent: 0 });
  },
}));

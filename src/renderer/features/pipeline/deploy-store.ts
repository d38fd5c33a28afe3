import { create } from 'zustand';
import { AppError } from '../../../shared/errors';
import { api } from '../../api/client';

interface DeployState {
  catalog: string;
  schema: string;
  busy: boolean;
  result?: { out: string; files: number; replaced: boolean };
  error?: string;
  /** The folder an export found not empty: the user may replace the bundle's files there, or choose again. */
  occupied?: string;
  set(patch: Partial<Pick<DeployState, 'catalog' | 'schema'>>): void;
  exportBundle(replace?: boolean): Promise<void>;
  keep(): void;
}

/** "Deploy to Databricks…": writes the Databricks Asset Bundle folder through warehouse.exportBundle. */
export const useDeployStore = create<DeployState>((set, get) => ({
  catalog: 'main',
  schema: 'payments',
  busy: false,
  set: (patch) => set(patch),
  async exportBundle(replace = false) {
    set({ busy: true, error: undefined, result: undefined, occupied: undefined });
    try {
      const r = await api.call('warehouse.exportBundle', { catalog: get().catalog, schema: get().schema, ...(replace ? { replace } : {}) });
      set({ result: { out: r.out, files: r.files.length, replaced: replace } });
    } catch (error) {
      const details = error instanceof AppError ? (error.details as { folder?: unknown } | undefined) : undefined;
      if (error instanceof AppError && error.code === 'CONFLICT' && typeof details?.folder === 'string') set({ occupied: details.folder });
      else if (!(error instanceof AppError && error.code === 'CANCELLED'))
        set({ error: error instanceof AppError ? error.message : String(error) });
    } finally {
      set({ busy: false });
    }
  },
  keep: () => set({ occupied: undefined }),
}));

import { create } from 'zustand';
import { AppError } from '../../../shared/errors';
import { api } from '../../api/client';

interface DeployState {
  catalog: string;
  schema: string;
  busy: boolean;
  result?: { out: string; files: number };
  error?: string;
  set(patch: Partial<Pick<DeployState, 'catalog' | 'schema'>>): void;
  exportBundle(): Promise<void>;
}

/** "Deploy to Databricks…": writes the Databricks Asset Bundle folder through warehouse.exportBundle. */
export const useDeployStore = create<DeployState>((set, get) => ({
  catalog: 'main',
  schema: 'payments',
  busy: false,
  set: (patch) => set(patch),
  async exportBundle() {
    set({ busy: true, error: undefined, result: undefined });
    try {
      const r = await api.call('warehouse.exportBundle', { catalog: get().catalog, schema: get().schema });
      set({ result: { out: r.out, files: r.files.length } });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CANCELLED'))
        set({ error: error instanceof AppError ? error.message : String(error) });
    } finally {
      set({ busy: false });
    }
  },
}));

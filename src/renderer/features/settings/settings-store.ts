import { create } from 'zustand';
import type { CleanableEntry, DataFolder } from '../../../shared/api';
import { api } from '../../api/client';

interface SettingsState {
  folder?: DataFolder;
  error?: string;
  notice?: string;
  busy: boolean;
  profiles?: number;
  loadFolder(): Promise<void>;
  cleanUp(entries: CleanableEntry[]): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The Settings page: the data folder's size and clean-up, and what else is configured. */
export const useSettingsStore = create<SettingsState>((set) => ({
  busy: false,
  async loadFolder() {
    try {
      const [folder, profiles] = await Promise.all([
        api.call('settings.dataFolder', {}),
        api.call('warehouse.listProfiles', {}).then(
          (r) => r.profiles.length,
          () => undefined,
        ),
      ]);
      set({ folder, profiles, error: undefined });
    } catch (error) {
      set({ error: `The data folder could not be read: ${message(error)}` });
    }
  },
  async cleanUp(entries) {
    set({ busy: true, notice: undefined, error: undefined });
    try {
      const r = await api.call('settings.cleanUp', { entries });
      set({ folder: r.folder, notice: `Freed ${formatBytes(r.freedBytes)}.` });
    } catch (error) {
      set({ error: `Clean-up failed: ${message(error)}` });
    } finally {
      set({ busy: false });
    }
  },
}));

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

import { create } from 'zustand';
import type { AppInfo, Catalog } from '../../shared/api';
import { api } from '../api/client';

export type Theme = 'light' | 'dark';

interface AppState {
  theme: Theme;
  info?: AppInfo;
  catalog?: Catalog;
  connectionError?: string;
  setTheme(theme: Theme): void;
  load(): Promise<void>;
  refreshCatalog(): Promise<void>;
}

const THEME_KEY = 'medallion.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** App-wide state: theme, what is running, and the local catalog for the status bar. */
export const useAppStore = create<AppState>((set) => ({
  theme: initialTheme(),
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
  async load() {
    try {
      const info = await api.call('app.info', {});
      set({ info, connectionError: undefined });
      const catalog = await api.call('engine.catalog', {});
      set({ catalog });
    } catch (error) {
      set({ connectionError: error instanceof Error ? error.message : String(error) });
    }
  },
  async refreshCatalog() {
    const catalog = await api.call('engine.catalog', {}).catch(() => undefined);
    if (catalog) set({ catalog });
  },
}));

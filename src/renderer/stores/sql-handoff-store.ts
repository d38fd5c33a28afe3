import { create } from 'zustand';
import { useRouteStore } from './route-store';

/** SQL another page asked the SQL editor to open, and the SQL page target it must run on. */
export interface SqlHandoff {
  sql: string;
  /** A SQL page target id (`local`, `warehouse:<profileId>`); absent = the current tab's target. */
  target?: string;
}

interface SqlHandoffState {
  /** Taken (and cleared) by the SQL page. */
  pending?: SqlHandoff;
  openInSqlEditor(sql: string, target?: string): void;
  take(): SqlHandoff | undefined;
}

/** Hands SQL from a feature (Ask, dashboards) to the SQL editor page, keeping its target, and navigates there. */
export const useSqlHandoffStore = create<SqlHandoffState>((set, get) => ({
  openInSqlEditor(sql, target) {
    set({ pending: { sql, target } });
    useRouteStore.getState().navigate('sql');
  },
  take() {
    const handed = get().pending;
    if (handed !== undefined) set({ pending: undefined });
    return handed;
  },
}));

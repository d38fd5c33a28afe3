import { create } from 'zustand';
import { useRouteStore } from './route-store';

interface SqlHandoffState {
  /** SQL another page asked the SQL editor to open; taken (and cleared) by the SQL page. */
  pending?: string;
  openInSqlEditor(sql: string): void;
  take(): string | undefined;
}

/** Hands SQL from a feature (Ask, dashboards) to the SQL editor page and navigates there. */
export const useSqlHandoffStore = create<SqlHandoffState>((set, get) => ({
  openInSqlEditor(sql) {
    set({ pending: sql });
    useRouteStore.getState().navigate('sql');
  },
  take() {
    const sql = get().pending;
    if (sql !== undefined) set({ pending: undefined });
    return sql;
  },
}));

import { create } from 'zustand';

interface SqlHandoffState {
  /** SQL another page asked the SQL editor to open, until the editor takes it. */
  pending: string | null;
  offer(sql: string): void;
  take(): string | null;
}

/** Hands SQL from any page (agent evidence, dashboards …) to the SQL editor. */
export const useSqlHandoff = create<SqlHandoffState>((set, get) => ({
  pending: null,
  offer: (sql) => set({ pending: sql }),
  take() {
    const sql = get().pending;
    if (sql !== null) set({ pending: null });
    return sql;
  },
}));

/** Opens `sql` in the SQL editor page. */
export function openInSqlEditor(sql: string, navigate: (page: string) => void): void {
  useSqlHandoff.getState().offer(sql);
  navigate('sql');
}

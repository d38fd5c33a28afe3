import { create } from 'zustand';
import type { QueryResult } from '../../../shared/api';
import { AppError, type SqlPosition } from '../../../shared/errors';
import { api } from '../../api/client';

interface SqlState {
  sql: string;
  running: boolean;
  result?: QueryResult;
  error?: { message: string; position?: SqlPosition };
  controller?: AbortController;
  setSql(sql: string): void;
  run(): Promise<void>;
  cancel(): void;
}

/** The SQL page: one statement, its result or its error, and cancel. */
export const useSqlStore = create<SqlState>((set, get) => ({
  sql: 'SELECT 42 AS answer',
  running: false,
  setSql: (sql) => set({ sql }),
  async run() {
    const controller = new AbortController();
    set({ running: true, error: undefined, controller });
    try {
      const result = await api.call('engine.query', { sql: get().sql, maxRows: 1000 }, { signal: controller.signal });
      set({ result, running: false, controller: undefined });
    } catch (error) {
      const e = error instanceof AppError ? { message: error.message, position: error.position } : { message: String(error) };
      set({ error: e, running: false, controller: undefined, result: undefined });
    }
  },
  cancel() {
    get().controller?.abort();
  },
}));

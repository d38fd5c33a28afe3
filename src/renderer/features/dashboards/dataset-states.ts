import type { QueryResult } from '../../../shared/api';

/** One dataset's latest result; a refresh keeps the old result on screen until the new one arrives. */
export interface DatasetState {
  status: 'loading' | 'ready' | 'error';
  result?: QueryResult;
  error?: string;
  elapsedMs?: number;
}

/**
 * Every named dataset marked loading (pure): a widget keeps its last result and error on screen under the
 * "loading" state until the new answer replaces it; datasets not named (another dashboard's) are dropped.
 */
export function markedLoading(datasets: Record<string, DatasetState>, names: readonly string[]): Record<string, DatasetState> {
  return Object.fromEntries(names.map((name) => [name, { ...datasets[name], status: 'loading' as const }]));
}

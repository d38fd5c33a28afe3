import type { ExecuteResult, SqlParams, SqlTarget } from '../../../shared/api';
import { LOCAL_TARGET_ID } from '../../../shared/api';
import { api } from '../../api/client';

export type { SqlTarget };

/** The target every new tab starts on. */
export const DEFAULT_TARGET: SqlTarget = { id: LOCAL_TARGET_ID, label: 'Local DuckDB', kind: 'duckdb' };

/** The places SQL can run, as core lists them (the local database; warehouses when connected). */
export function listTargets(): Promise<SqlTarget[]> {
  return api.call('sqlwb.targets', {});
}

/** The one way the SQL page runs a statement, whatever the target. */
export function runOnTarget(target: string, sql: string, params: SqlParams | undefined, signal: AbortSignal): Promise<ExecuteResult> {
  return api.call('sqlwb.execute', { target, sql, params, pageSize: 200 }, { signal });
}

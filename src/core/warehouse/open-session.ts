import type { DBSQLClient } from '@databricks/sql';
import type IDBSQLSession from '@databricks/sql/dist/contracts/IDBSQLSession';
import { DEFAULT_TUNING, type ConnectTuning, type WarehouseLog } from './connect';
import type { ResolvedProfile } from './profiles';

interface HttpFailure {
  statusCode?: number;
  response?: { headers?: { get(name: string): string | null } };
}

/** The wait a 503 asks for (`Retry-After` in seconds), or undefined when the answer is not "starting, come back". */
export function retryAfterMs(error: unknown): number | undefined {
  const e = error as HttpFailure | undefined;
  if (e?.statusCode !== 503) return undefined;
  const header = e.response?.headers?.get('Retry-After');
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Opens a session, waiting while the warehouse starts: a starting SQL warehouse answers 503 with
 * `Retry-After`, and the driver never retries OpenSession itself. A 503 without `Retry-After`
 * (stopped, no auto-start) fails at once. Each wait is logged with the time waited so far.
 */
export async function openSessionWaiting(
  client: DBSQLClient,
  profile: ResolvedProfile,
  log: WarehouseLog,
  tuning: ConnectTuning = {},
): Promise<IDBSQLSession> {
  const budget = tuning.warehouseStartTimeoutMs ?? DEFAULT_TUNING.warehouseStartTimeoutMs;
  const started = Date.now();
  for (;;) {
    try {
      return await client.openSession({
        ...(profile.catalog ? { initialCatalog: profile.catalog } : {}),
        ...(profile.schema ? { initialSchema: profile.schema } : {}),
      });
    } catch (error) {
      const asked = retryAfterMs(error);
      const waited = Date.now() - started;
      if (asked === undefined || waited >= budget) throw error;
      const delay = Math.min(Math.max(asked, 250), 30_000, budget - waited);
      const message = `The SQL warehouse "${profile.name}" is starting; waiting ${Math.round(delay / 1000)} s more (${Math.round(waited / 1000)} s so far, up to ${Math.round(budget / 1000)} s).`;
      log('info', message);
      tuning.onWarehouseStarting?.({ waitedMs: waited, nextWaitMs: delay, budgetMs: budget, message });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

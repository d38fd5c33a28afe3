import type IDBSQLSession from '@databricks/sql/dist/contracts/IDBSQLSession';
import type IOperation from '@databricks/sql/dist/contracts/IOperation';
import type { DBSQLParameter } from '@databricks/sql';
import type { QueryResult, SqlParams } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { jsBytes } from '../engine/js-bytes';
import { remoteColumns, toRows, type RemoteColumn } from './values';

export interface StatementOptions {
  /** Plain values (the driver infers the type) or typed DBSQLParameter values. */
  params?: Record<string, SqlParams[string] | DBSQLParameter>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Rows per fetchChunk call: big enough to amortise the round trip, small enough to stay responsive. */
export const FETCH_ROWS = 50_000;
/** The first fetch of a result, small until the rows' size is known. */
const FIRST_FETCH_ROWS = 100;
/** Bytes a warehouse result may hold at most (as `Engine.query`); untrusted SQL passes a smaller budget. */
export const WAREHOUSE_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Runs a statement and hands its operation to `consume`, honouring the caller's abort signal
 * (CancelOperation on the warehouse) and a time limit (queryTimeout on the warehouse plus a
 * client-side backstop). The operation is always closed.
 */
export async function withStatement<T>(
  session: IDBSQLSession,
  sql: string,
  options: StatementOptions,
  consume: (op: IOperation, stopped: () => 'cancel' | 'timeout' | undefined) => Promise<T>,
): Promise<T> {
  if (options.signal?.aborted) throw new AppError('CANCELLED', 'The statement was cancelled before it started.');
  const op = await session.executeStatement(sql, {
    ...(options.params && Object.keys(options.params).length > 0 ? { namedParameters: options.params } : {}),
    ...(options.timeoutMs ? { queryTimeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)) } : {}),
  });
  let stopped: 'cancel' | 'timeout' | undefined;
  const stop = (why: 'cancel' | 'timeout') => {
    stopped ??= why;
    void op.cancel().catch(() => undefined);
  };
  const onAbort = () => stop('cancel');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.timeoutMs ? setTimeout(() => stop('timeout'), options.timeoutMs + 2_000) : undefined;
  try {
    return await consume(op, () => stopped);
  } catch (error) {
    const code = (error as { errorCode?: string }).errorCode;
    if (stopped === 'cancel' || (code === 'CANCELED' && options.signal?.aborted))
      throw new AppError('CANCELLED', 'The statement was cancelled on the warehouse.');
    if (stopped === 'timeout' || code === 'TIMEOUT') {
      throw new AppError(
        'TIMEOUT',
        `The statement ran longer than its time limit of ${((options.timeoutMs ?? 0) / 1000).toFixed(0)} s and was stopped on the warehouse.`,
      );
    }
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await op.close().catch(() => undefined);
  }
}

/**
 * Runs one statement; keeps at most maxRows rows and maxBytes bytes (nested values counted) by
 * looping fetchChunk (never fetchAll). Chunks are sized from the rows measured so far, so a result
 * of huge nested rows stops near the budget instead of growing the heap.
 */
export async function runQuery(
  session: IDBSQLSession,
  sql: string,
  options: StatementOptions & { maxRows: number; maxBytes?: number },
): Promise<QueryResult> {
  const started = performance.now();
  const maxBytes = options.maxBytes ?? WAREHOUSE_MAX_BYTES;
  return withStatement(session, sql, options, async (op, stopped) => {
    const objects: Record<string, unknown>[] = [];
    let bytes = 0;
    let more = true;
    let overBudget = false;
    while (objects.length <= options.maxRows && !overBudget) {
      const perRow = objects.length ? bytes / objects.length : 0;
      const byBytes = perRow ? Math.max(1, Math.floor((maxBytes - bytes) / perRow)) : FIRST_FETCH_ROWS;
      const ask = Math.min(FETCH_ROWS, byBytes, options.maxRows + 1 - objects.length);
      const chunk = (await op.fetchChunk({ maxRows: ask })) as Record<string, unknown>[];
      for (const row of chunk) {
        const size = jsBytes(row, maxBytes - bytes);
        if (bytes + size > maxBytes) {
          overBudget = true;
          break;
        }
        bytes += size;
        objects.push(row);
      }
      if (stopped()) throw new AppError('CANCELLED', 'The statement was cancelled on the warehouse.');
      if (overBudget) break;
      more = await op.hasMoreRows();
      if (!more) break;
    }
    const columns: RemoteColumn[] = remoteColumns(await op.getSchema());
    const truncated = objects.length > options.maxRows || more || overBudget;
    const kept = objects.length > options.maxRows ? objects.slice(0, options.maxRows) : objects;
    const rows = toRows(kept, columns);
    return {
      columns: columns.map((c) => ({ name: c.name, type: c.type })),
      rows,
      truncated,
      rowCount: rows.length,
      elapsedMs: performance.now() - started,
    };
  });
}

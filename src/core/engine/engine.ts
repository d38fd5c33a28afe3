import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import type { Cell, Column, QueryResult, SqlParams } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { MemoryGuard, untrustedMemoryLimitFromEnv } from './memory-guard';
import { QuerySlots } from './query-slots';
import { readCapped } from './result-budget';
import { reportStatementTimeout } from './statement-timeouts';
import { isInterruptError, toSqlAppError } from './sql-error';
import { describeColumns, normaliseRows } from './values';

export interface EngineOptions {
  /** A database file, or ':memory:'. */
  path: string;
  threads?: number;
  memoryLimit?: string;
  readOnly?: boolean;
  /** Extra DuckDB settings applied when the instance is created (e.g. a sandbox's). */
  config?: Record<string, string>;
  /** Queries (`query`, `page`) running at once; more wait their turn (default 4). */
  maxConcurrentQueries?: number;
  /** Untrusted statements (`untrusted: true`) running at once, in a queue of their own (default 2). */
  maxConcurrentUntrusted?: number;
  /** Bytes one untrusted statement may add to DuckDB's memory (default MEDALLION_UNTRUSTED_MEMORY_LIMIT, else a quarter of memory_limit). */
  untrustedMemoryLimit?: number;
}

export interface RunOptions {
  params?: SqlParams;
  /** Stop the statement after this long and fail with TIMEOUT. */
  timeoutMs?: number;
  /** Aborting it interrupts the statement and fails with CANCELLED. */
  signal?: AbortSignal;
  /**
   * Run inside a READ ONLY transaction that is rolled back afterwards (query/page only): DuckDB
   * itself then refuses any write to the database, whatever the statement is.
   */
  readOnly?: boolean;
  /**
   * SQL the app did not write: it waits in its own queue (at most `maxConcurrentUntrusted` at
   * once), so slow untrusted calls never hold a slot the app's own statements need, and it is
   * stopped when it passes the memory limit of one untrusted statement (memory-guard.ts).
   */
  untrusted?: boolean;
}

export interface QueryOptions extends RunOptions {
  /** Rows kept in JS; the rest is not read and `truncated` is set. */
  maxRows?: number;
  /** Bytes kept in JS, nested values counted; the first row past it is not converted and `truncated` is set. */
  maxBytes?: number;
}

export const DEFAULT_MAX_ROWS = 10_000;
/** No result of one query grows the heap past this, whatever its row count (nested lists included). */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** Enough to keep two cores busy; writers (live stream, backfill) never wait for a slot. */
const DEFAULT_CONCURRENT_QUERIES = 4;
/** Fewer than the trusted slots: four slow untrusted calls once made an unrelated SELECT 42 wait 21 s. */
const DEFAULT_CONCURRENT_UNTRUSTED = 2;

/**
 * The embedded DuckDB database: one instance, a connection per call so calls run side by
 * side and each can be interrupted on its own. Results are streamed and capped, never
 * materialised whole in JS.
 */
export class Engine {
  private readonly slots: QuerySlots;
  private readonly untrustedSlots: QuerySlots;
  private readonly memory: MemoryGuard;

  private constructor(
    readonly instance: DuckDBInstance,
    readonly path: string,
    maxConcurrentQueries: number,
    maxConcurrentUntrusted: number,
    untrustedMemoryLimit: number | undefined,
  ) {
    this.slots = new QuerySlots(maxConcurrentQueries);
    this.untrustedSlots = new QuerySlots(maxConcurrentUntrusted);
    this.memory = new MemoryGuard(instance, untrustedMemoryLimit);
  }

  static async open(options: EngineOptions): Promise<Engine> {
    // A live stream commits small batches through the WAL; at DuckDB's default 16 MB threshold it
    // checkpointed after nearly every batch and fell behind at 100,000 events/s (p95 1.8 s → 0.4 s
    // at 1 GB). Bulk batches skip the WAL, and a clean close checkpoints anyway.
    const config: Record<string, string> = { checkpoint_threshold: '1GB', ...options.config };
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    try {
      const instance = await DuckDBInstance.create(options.path, config);
      return new Engine(
        instance,
        options.path,
        options.maxConcurrentQueries ?? DEFAULT_CONCURRENT_QUERIES,
        options.maxConcurrentUntrusted ?? DEFAULT_CONCURRENT_UNTRUSTED,
        options.untrustedMemoryLimit ?? untrustedMemoryLimitFromEnv(),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError('UNAVAILABLE', `Could not open the database ${options.path}: ${message}`);
    }
  }

  get databaseName(): string {
    return this.path === ':memory:' ? 'memory' : basename(this.path).replace(/\.[^.]*$/, '');
  }

  async version(): Promise<string> {
    const r = await this.query('SELECT version()');
    return String(r.rows[0]?.[0] ?? '');
  }

  /**
   * Runs `work` on a fresh connection, interrupting it on timeout or abort. Errors come out
   * as AppErrors: SQL_ERROR with DuckDB's message and position, TIMEOUT or CANCELLED.
   */
  async withConnection<T>(sql: string, options: RunOptions, work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The statement was cancelled before it started.');
    const conn = await this.instance.connect();
    let stopped: 'timeout' | 'cancel' | 'memory' | undefined;
    let release: (() => void) | undefined;
    const stop = (why: 'timeout' | 'cancel' | 'memory') => {
      stopped ??= why;
      conn.interrupt();
      if (why === 'timeout') reportStatementTimeout({ sql, timeoutMs: options.timeoutMs ?? 0 });
    };
    const timer = options.timeoutMs ? setTimeout(() => stop('timeout'), options.timeoutMs) : undefined;
    const onAbort = () => stop('cancel');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (options.untrusted) release = await this.memory.watch(() => stop('memory'));
      return await work(conn);
    } catch (error) {
      if (stopped === 'memory') throw await this.memoryError();
      if (stopped === 'timeout' || (stopped === undefined && isInterruptError(error) && options.timeoutMs)) {
        throw new AppError(
          'TIMEOUT',
          `The statement ran longer than its time limit of ${formatMs(options.timeoutMs ?? 0)} and was stopped.`,
        );
      }
      if (stopped === 'cancel' || isInterruptError(error)) throw new AppError('CANCELLED', 'The statement was cancelled.');
      throw toSqlAppError(error, sql);
    } finally {
      release?.();
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      conn.closeSync();
    }
  }

  /** Runs trusted SQL (one or more statements) for its effect. */
  async run(sql: string, options: RunOptions = {}): Promise<void> {
    await this.withConnection(sql, options, async (conn) => {
      await conn.run(sql, options.params as Record<string, DuckDBValue> | undefined);
    });
  }

  /**
   * Runs one statement and returns at most `maxRows` rows and `maxBytes` bytes, streaming so
   * nothing more is read or converted.
   */
  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    const started = performance.now();
    return this.slotsFor(options).run(options.signal, () =>
      this.withConnection(sql, options, async (conn) => {
        if (options.readOnly) await conn.run('BEGIN TRANSACTION READ ONLY');
        const result = await conn.stream(sql, options.params as Record<string, DuckDBValue> | undefined);
        const columns = describeColumns(result.columnNames(), result.columnTypes());
        const read = await readCapped(result, maxRows, options.maxBytes ?? DEFAULT_MAX_BYTES);
        const truncated = read.truncated;
        const rows = normaliseRows(read.rows, columns);
        // On failure the connection is closed, which ends the transaction without a commit.
        if (options.readOnly) await conn.run('ROLLBACK');
        return { columns, rows, truncated, rowCount: rows.length, elapsedMs: performance.now() - started };
      }),
    );
  }

  /** Runs `work` holding a query slot: the untrusted queue's for untrusted work (the gate's prepare binds constants). */
  inSlot<T>(options: RunOptions, work: () => Promise<T>): Promise<T> {
    return this.slotsFor(options).run(options.signal, work);
  }

  private slotsFor(options: RunOptions): QuerySlots {
    return options.untrusted ? this.untrustedSlots : this.slots;
  }

  /**
   * One page of a SELECT result. DuckDB re-plans the query with LIMIT/OFFSET, so a
   * 10M-row result costs one page of memory on either side.
   */
  async page(
    sql: string,
    page: { offset: number; limit: number; withTotal?: boolean },
    options: RunOptions = {},
  ): Promise<{ columns: Column[]; rows: Cell[][]; offset: number; total: number | null; elapsedMs: number }> {
    const started = performance.now();
    const inner = stripTrailingSemicolon(sql);
    const paged = `SELECT * FROM (${inner}\n) AS page_source LIMIT ${page.limit} OFFSET ${page.offset}`;
    const result = await this.query(paged, { ...options, maxRows: page.limit });
    let total: number | null = null;
    if (page.withTotal) {
      const count = await this.query(`SELECT count(*) FROM (${inner}\n) AS count_source`, options);
      total = Number(count.rows[0]?.[0] ?? 0);
    }
    return { columns: result.columns, rows: result.rows, offset: page.offset, total, elapsedMs: performance.now() - started };
  }

  private async memoryError(): Promise<AppError> {
    const limitBytes = await this.memory.limitBytes();
    return new AppError(
      'SQL_ERROR',
      `Out of Memory: the statement used more than ${formatBytes(limitBytes)}, the memory limit of one untrusted statement, and was stopped. ` +
        'Narrow it (fewer rows or groups, smaller lists) and run it again.',
      { details: { limit: 'memory', limitBytes } },
    );
  }

  close(): void {
    this.memory.close();
    this.instance.closeSync();
  }
}

export function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/[\s;]+$/u, '');
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}

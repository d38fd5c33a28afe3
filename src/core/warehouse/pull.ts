import type { DuckDBConnection } from '@duckdb/node-api';
import { copyResult } from './copy-result';
import type IDBSQLSession from '@databricks/sql/dist/contracts/IDBSQLSession';
import { randomUUID } from 'node:crypto';
import type { PullResult, PullSource, SqlParams } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { DATABRICKS } from '../../shared/sql/dialect';
import { quoteIdent } from '../../shared/sql/quote';
import { localColumn } from './local-types';
import type { ResolvedProfile } from './profiles';
import { redact } from './redact';
import { withStatement } from './run-statement';
import createPullsSql from './sql/create_warehouse_pulls.sql?raw';
import insertPullSql from './sql/insert_warehouse_pull.sql?raw';
import type { RemoteColumn } from './values';

/** Rows copied so far; the service turns it into the pull job's `{ message, done, total }`. */
export interface PullProgress {
  pullId: string;
  profileId: string;
  table: string;
  rows: number;
  /** Known for table pulls, which count first; speed and time left come from the job (jobRate). */
  totalRows: number | null;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  message: string | null;
}

export interface PullRequest {
  profile: ResolvedProfile;
  source: PullSource;
  target: string;
  replace?: boolean;
  maxRows?: number;
  signal?: AbortSignal;
  onProgress: (p: PullProgress) => void;
  /** Minimum time between progress events. */
  progressEveryMs?: number;
  /** 'auto' reads Arrow batches directly when it can; 'rows' always uses the driver's row API. */
  mode?: 'auto' | 'rows';
}

/** Staging tables of pulls running in this process; any other `…__pull_xxxxxxxx` table is an orphan. */
const activeStaging = new Set<string>();

/**
 * Drops staging tables left by pulls whose process died (SIGKILL, power loss): their `finally`
 * never ran, and a half-copied table must not linger next to the user's tables.
 */
async function dropOrphanStaging(conn: DuckDBConnection): Promise<void> {
  const r = await conn.runAndReadAll(
    "SELECT table_name FROM duckdb_tables() WHERE schema_name = current_schema() AND regexp_matches(table_name, '__pull_[0-9a-f]{8}$')",
  );
  for (const [name] of r.getRows()) {
    if (!activeStaging.has(String(name))) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(String(name))}`);
  }
}

function describeSource(source: PullSource): { sql: string; label: string; params?: SqlParams } {
  if (source.kind === 'table')
    return {
      sql: `SELECT * FROM ${DATABRICKS.qualify(source.catalog, source.schema, source.table)}`,
      label: `${source.catalog}.${source.schema}.${source.table}`,
    };
  return { sql: source.sql, label: 'query', params: source.params };
}

async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await conn.runAndReadAll('SELECT count(*) FROM duckdb_tables() WHERE table_name = $name AND schema_name = current_schema()', {
    name,
  });
  return Number(r.getRows()[0]?.[0] ?? 0) > 0;
}

/**
 * Copies a remote table, view or query result into a local DuckDB table. Rows stream in
 * fetchChunk pages into a staging table, which replaces the target only when every row
 * arrived; a cancelled or failed pull leaves the local database as it was. Provenance goes
 * to `warehouse_pulls` in the same transaction.
 */
export async function pullToLocal(session: IDBSQLSession, engine: Engine, req: PullRequest): Promise<PullResult> {
  const pullId = randomUUID();
  const startedAt = new Date();
  const started = performance.now();
  const { sql, label, params } = describeSource(req.source);
  const conn = await engine.instance.connect();
  const staging = `${req.target}__pull_${pullId.slice(0, 8)}`;
  let stagingCreated = false;
  let copied = 0;
  let usedArrow = false;
  let totalRows: number | null = null;
  const emit = (rows: number, totalRows: number | null, state: PullProgress['state'], message: string | null = null) => {
    req.onProgress({ pullId, profileId: req.profile.id, table: req.target, rows, totalRows, state, message });
  };
  activeStaging.add(staging);
  try {
    await conn.run(createPullsSql);
    await dropOrphanStaging(conn);
    if (!req.replace && (await tableExists(conn, req.target))) {
      throw new AppError('CONFLICT', `A local table named ${req.target} already exists. Choose another name or tick "replace".`);
    }
    if (req.source.kind === 'table') {
      totalRows = await withStatement(
        session,
        `SELECT count(*) AS n FROM ${DATABRICKS.qualify(req.source.catalog, req.source.schema, req.source.table)}`,
        { signal: req.signal },
        async (op) => {
          const rows = (await op.fetchChunk({ maxRows: 1 })) as { n: unknown }[];
          return Number(rows[0]?.n ?? 0);
        },
      );
      if (req.maxRows !== undefined) totalRows = Math.min(totalRows, req.maxRows);
    }
    emit(0, totalRows, 'running');
    let lastEmit = performance.now();
    let columns: RemoteColumn[] = [];
    await withStatement(session, sql, { params, signal: req.signal }, async (op, stopped) => {
      stagingCreated = true;
      const outcome = await copyResult(op, conn, {
        table: { name: staging },
        limit: req.maxRows,
        mode: req.mode,
        signal: req.signal,
        stopped,
        onRows: (n) => {
          copied = n;
          if (performance.now() - lastEmit >= (req.progressEveryMs ?? 250)) {
            lastEmit = performance.now();
            emit(copied, totalRows, 'running');
          }
        },
      });
      columns = outcome.columns;
      usedArrow = outcome.reader === 'arrow';
    });
    const finishedAt = new Date();
    await conn.run('BEGIN TRANSACTION');
    try {
      if (req.replace) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(req.target)}`);
      await conn.run(`ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(req.target)}`);
      await conn.run(insertPullSql, {
        pull_id: pullId,
        table_name: req.target,
        profile_name: req.profile.name,
        host: req.profile.host,
        source: label,
        source_sql: sql,
        row_count: copied,
        started_at: startedAt.toISOString(),
        finished_at: finishedAt.toISOString(),
      });
      await conn.run('COMMIT');
      stagingCreated = false;
    } catch (error) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const elapsedMs = performance.now() - started;
    emit(copied, totalRows ?? copied, 'done');
    return {
      pullId,
      table: req.target,
      rows: copied,
      columns: columns.map((c) => ({ name: c.name, type: localColumn(c).sqlType })),
      elapsedMs,
      rowsPerSecond: copied / Math.max(elapsedMs / 1000, 1e-9),
      reader: usedArrow ? 'arrow' : 'rows',
    };
  } catch (error) {
    const cancelled = error instanceof AppError && error.code === 'CANCELLED';
    const message = redact(error instanceof Error ? error.message : String(error), req.profile.secret ? [req.profile.secret] : []);
    emit(copied, totalRows, cancelled ? 'cancelled' : 'failed', message);
    throw error;
  } finally {
    if (stagingCreated) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`).catch(() => undefined);
    activeStaging.delete(staging);
    conn.closeSync();
  }
}

import { randomUUID } from 'node:crypto';
import type { ExplainOutput, SqlParams, WarehouseProfile } from '../../shared/api';
import type { Engine } from '../engine/engine';
import type { ResultHandle, SqlWorkbench } from '../engine/sql-target';
import { attachResultsDb, LocalResult, MATERIALISE_MAX_ROWS, RESULTS_DB } from '../sqlwb/local-result';
import { copyResult } from './copy-result';
import { DATABRICKS_FUNCTIONS } from './databricks-functions';
import { quoteIdent } from '../../shared/sql/quote';
import { localColumn } from './local-types';
import { withStatement } from './run-statement';
import type { WarehouseService } from './service';
import { remoteColumns } from './values';

const STATEMENT_TIMEOUT_MS = 30 * 60_000;

/** A warehouse result copied into the SQL page's in-memory results database; dropped with the handle. */
class WarehouseResult implements ResultHandle {
  constructor(
    private readonly inner: LocalResult,
    private readonly engine: Engine,
    private readonly table: string,
  ) {}
  get columns() {
    return this.inner.columns;
  }
  page: ResultHandle['page'] = (...a) => this.inner.page(...a);
  count: ResultHandle['count'] = (...a) => this.inner.count(...a);
  summary: ResultHandle['summary'] = (...a) => this.inner.summary(...a);
  exportTo: ResultHandle['exportTo'] = (...a) => this.inner.exportTo(...a);
  async dispose(): Promise<void> {
    await this.engine.run(`DROP TABLE IF EXISTS ${this.table}`).catch(() => undefined);
  }
}

/**
 * The SQL page's side of a Databricks SQL warehouse profile (the `workbench` of its SqlTarget). A
 * statement's result (up to the page's materialisation limit) is streamed into the in-memory
 * results database with exact types, so paging, sorting, column summaries and exports work
 * exactly as for local results.
 */
export function warehouseWorkbench(engine: Engine, warehouse: WarehouseService, profile: Pick<WarehouseProfile, 'id'>): SqlWorkbench {
  return {
    functions: async () => DATABRICKS_FUNCTIONS,
    execute: executor(engine, warehouse, profile.id),
    async explain(sql: string, params: SqlParams | undefined, _analyze: boolean, signal: AbortSignal): Promise<ExplainOutput> {
      const r = await warehouse.query({ profileId: profile.id, sql: `EXPLAIN ${sql}`, params, maxRows: 1000 }, signal);
      const text = r.rows.map((row) => row.filter((c) => typeof c === 'string').join('\n')).join('\n');
      return {
        analyzed: false,
        totalMs: null,
        plan: { name: 'Databricks SQL plan', details: { plan: text }, timingMs: null, rows: null, children: [] },
      };
    },
  };
}

/** Runs one statement on the warehouse and copies its result (up to MATERIALISE_MAX_ROWS) into the results database. */
const executor =
  (engine: Engine, warehouse: WarehouseService, profileId: string): SqlWorkbench['execute'] =>
  async (sql, params, pageSize, signal) => {
    await attachResultsDb(engine);
    const id = randomUUID().replace(/-/g, '');
    const name = `w_${id}`;
    const table = `${RESULTS_DB}.main.${quoteIdent(name)}`;
    const copied = await warehouse.withSession(profileId, (session) =>
      withStatement(session, sql, { params, signal, timeoutMs: STATEMENT_TIMEOUT_MS }, async (op, stopped) => {
        if (remoteColumns(await op.getSchema()).length === 0) return undefined;
        const conn = await engine.instance.connect();
        try {
          return await copyResult(op, conn, {
            table: { catalog: RESULTS_DB, schema: 'main', name },
            limit: MATERIALISE_MAX_ROWS,
            signal,
            stopped,
          });
        } finally {
          conn.closeSync();
        }
      }),
    );
    if (!copied) return { statementType: 'OTHER', columns: [], rows: [], total: 0, hasMore: false, handle: null };
    const columns = copied.columns.map((c) => ({ name: c.name, type: localColumn(c).sqlType }));
    const result = new LocalResult(engine, id, `SELECT * FROM ${table}`, undefined, columns, copied.rows);
    const handle = new WarehouseResult(result, engine, table);
    const rows = await handle.page(0, pageSize, undefined, signal);
    return {
      statementType: 'SELECT',
      columns,
      rows,
      total: copied.truncated ? null : copied.rows,
      hasMore: copied.rows > pageSize || copied.truncated,
      handle,
    };
  };

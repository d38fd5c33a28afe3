import { randomUUID } from 'node:crypto';
import {
  warehouseSqlTargetId,
  type Catalog,
  type ExplainOutput,
  type FunctionInfo,
  type SqlParams,
  type WarehouseProfile,
} from '../../shared/api';
import type { Engine } from '../engine/engine';
import { LocalResult, MATERIALISE_MAX_ROWS, RESULTS_DB } from '../sqlwb/local-result';
import type { ExecuteOutcome, ResultHandle, SqlTargetRunner, TargetRegistry } from '../sqlwb/targets';
import { copyResult } from './copy-result';
import { DATABRICKS_FUNCTIONS } from './databricks-functions';
import { quoteIdent } from '../../shared/sql/quote';
import { localColumn } from './local-types';
import { withStatement } from './run-statement';
import type { WarehouseService } from './service';
import { remoteColumns } from './values';

/** The SQL page's target id for a profile. */
export const warehouseTargetId = warehouseSqlTargetId;

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
 * A Databricks SQL warehouse as a target of the SQL page. A statement's result (up to the
 * page's materialisation limit) is streamed into the in-memory results database with exact
 * types, so paging, sorting, column summaries and exports work exactly as for local results.
 */
export class WarehouseSqlTarget implements SqlTargetRunner {
  readonly info;
  private attached: Promise<void> | undefined;

  constructor(
    private readonly profile: WarehouseProfile,
    private readonly warehouse: WarehouseService,
    private readonly engine: Engine,
  ) {
    this.info = { id: warehouseTargetId(profile.id), label: `Databricks · ${profile.name}`, kind: 'databricks' as const };
  }

  catalog(): Promise<Catalog> {
    return this.warehouse.catalog(this.profile.id);
  }

  async functions(): Promise<FunctionInfo[]> {
    return DATABRICKS_FUNCTIONS;
  }

  private ensureResultsDb(): Promise<void> {
    this.attached ??= this.engine.run(`ATTACH IF NOT EXISTS ':memory:' AS ${RESULTS_DB}`);
    return this.attached;
  }

  async execute(sql: string, params: SqlParams | undefined, pageSize: number, signal: AbortSignal): Promise<ExecuteOutcome> {
    await this.ensureResultsDb();
    const id = randomUUID().replace(/-/g, '');
    const name = `w_${id}`;
    const table = `${RESULTS_DB}.main.${quoteIdent(name)}`;
    const copied = await this.warehouse.withSession(this.profile.id, (session) =>
      withStatement(session, sql, { params, signal, timeoutMs: STATEMENT_TIMEOUT_MS }, async (op, stopped) => {
        if (remoteColumns(await op.getSchema()).length === 0) return undefined;
        const conn = await this.engine.instance.connect();
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
    const result = new LocalResult(this.engine, id, `SELECT * FROM ${table}`, undefined, columns, copied.rows);
    const handle = new WarehouseResult(result, this.engine, table);
    const rows = await handle.page(0, pageSize, undefined, signal);
    return {
      statementType: 'SELECT',
      columns,
      rows,
      total: copied.truncated ? null : copied.rows,
      hasMore: copied.rows > pageSize || copied.truncated,
      handle,
    };
  }

  async explain(sql: string, params: SqlParams | undefined, _analyze: boolean, signal: AbortSignal): Promise<ExplainOutput> {
    const r = await this.warehouse.query({ profileId: this.profile.id, sql: `EXPLAIN ${sql}`, params, maxRows: 1000 }, signal);
    const text = r.rows.map((row) => row.filter((c) => typeof c === 'string').join('\n')).join('\n');
    return {
      analyzed: false,
      totalMs: null,
      plan: { name: 'Databricks SQL plan', details: { plan: text }, timingMs: null, rows: null, children: [] },
    };
  }
}

/** Keeps one SQL-page target per warehouse profile registered, following profile changes. */
export async function syncWarehouseTargets(registry: TargetRegistry, warehouse: WarehouseService, engine: Engine): Promise<void> {
  const registered = new Map<string, () => void>();
  const sync = async () => {
    const { profiles } = await warehouse.listProfiles();
    for (const off of registered.values()) off();
    registered.clear();
    for (const p of profiles) registered.set(p.id, registry.register(new WarehouseSqlTarget(p, warehouse, engine)));
  };
  warehouse.onProfilesChanged(sync);
  await sync();
}

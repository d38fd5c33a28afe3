import type {
  Catalog,
  CatalogRelation,
  Cell,
  Column,
  ColumnProfile,
  ColumnSummary,
  ExplainOutput,
  ExportFormat,
  FunctionInfo,
  QueryResult,
  SortKey,
  SqlParams,
} from '../../shared/api';
import { AppError } from '../../shared/errors';
import { DUCKDB, type Dialect, type DialectName } from '../../shared/sql/dialect';
import {
  checkUntrustedSql,
  runUntrustedSql,
  untrustedTimeoutMs,
  validateUntrustedSql,
  type UntrustedSource,
} from '../security/untrusted-sql';
import { readCatalog } from './catalog';
import { readColumnar, type ColumnarOptions, type ColumnarResult } from './columnar-read';
import type { Engine } from './engine';
import extentSql from './sql/data_extent.sql?raw';

/**
 * WHERE SQL RUNS. This file is the one place to read; there are three implementations:
 *
 * - the local DuckDB database: `duckdbTarget(engine)` below (with the SQL page's side,
 *   `localWorkbench(engine)` in src/core/sqlwb/local-workbench.ts);
 * - an opened bundle's sandbox (its own locked-down DuckDB, limited to the bundled tables):
 *   `duckdbTarget(sandbox.engine, { info: { kind: 'bundle' }, source: { relations } })`, built in
 *   src/core/bundles/bundle-service.ts; it has no SQL page side;
 * - a Databricks SQL warehouse profile: `warehouseTarget(...)` in src/core/warehouse/warehouse-target.ts
 *   (with `warehouseWorkbench(...)` in src/core/warehouse/warehouse-workbench.ts).
 *
 * Features take a target resolved once (`SqlTargets.resolve(profileId?)`, below) instead of
 * branching on a profile id: Ask, dashboards, bundles and agents. The SQL page picks one by its
 * id from `TargetRegistry` (src/core/sqlwb/targets.ts) and uses its `workbench`. Every statement
 * from someone else passes the target's `gate` (one read-only statement over this side's relations
 * and allowlisted functions) and runs capped in rows and time, in the target's `dialect`.
 */
export interface SqlTarget {
  readonly info: SqlTargetInfo;
  /** How this side spells SQL, and its twins of the app's DuckDB-only SQL. */
  readonly dialect: TargetDialect;
  /** Gates `sql` (one read-only statement over this side's relations and allowed functions) and, where the side can, plans it. */
  gate(sql: string, options?: GateOptions): Promise<string>;
  /** Gates and runs `sql` (someone else's: Ask, imported and bundled dashboards, agents' evidence); returns the statement as it ran, and its result. */
  run(sql: string, options?: TargetRunOptions): Promise<{ sql: string; result: QueryResult }>;
  /**
   * Runs the app's own SQL (a built-in dashboard's dataset or its twin, filter choices), `$name`
   * parameters bound for this side, capped in rows and time. Not gated: never pass it SQL from a
   * file, a model or a user; that goes through `run`.
   */
  query(sql: string, options?: TargetQueryOptions): Promise<QueryResult>;
  /**
   * Runs the app's own one-SELECT statement (anything else is refused, so a user's filter spliced
   * into it cannot add a statement) and reads its result as typed columns, never row objects: the
   * model sandbox's frames. Not gated, like `query`. Only the local database has it.
   */
  columnar?(sql: string, options?: ColumnarOptions): Promise<ColumnarResult>;
  /** Gates `sql` (DuckDB-written, `$name` parameters) and reads one page of its rows and their total, in the statement's order. */
  page(sql: string, window: PageWindow, options?: TargetPageOptions): Promise<TargetPage>;
  /** This side's schemas, tables, views and columns. */
  catalog(): Promise<Catalog>;
  /** The tables and views a prompt lists (schema `main` = the side's default schema). */
  relations(): Promise<CatalogRelation[]>;
  /** The data's first and last day; `missing` when there is no silver table there. */
  extent(): Promise<DataExtent>;
  /** What to say when this side has no payments data. */
  noData(): Promise<string>;
  /** The SQL page's side of this target; the local database and a warehouse have one, a bundle's sandbox has none. */
  readonly workbench?: SqlWorkbench;
}

/**
 * What the SQL page does on a target: the analyst's own statements (any kind, not gated: it is
 * their database or warehouse), each result kept on this side so the page can page, sort,
 * summarise and export it; plans; the function list; column profiles where the side can.
 */
export interface SqlWorkbench {
  functions(signal: AbortSignal): Promise<FunctionInfo[]>;
  execute(sql: string, params: SqlParams | undefined, pageSize: number, signal: AbortSignal): Promise<ExecuteOutcome>;
  explain(sql: string, params: SqlParams | undefined, analyze: boolean, signal: AbortSignal): Promise<ExplainOutput>;
  /** Profiles a column of a catalog relation; a side without it (a warehouse) only lists its tables. */
  profileColumn?(ref: { schema: string; relation: string; column: string }, signal: AbortSignal): Promise<ColumnProfile>;
}

/** Called with 0..100 while long work runs. */
export type ProgressFn = (percent: number, rows: number | null) => void;

/** A SQL page result kept on the target's side so the page can page, sort, summarise and export it. */
export interface ResultHandle {
  readonly columns: Column[];
  page(offset: number, limit: number, sort: SortKey[] | undefined, signal: AbortSignal): Promise<Cell[][]>;
  count(signal: AbortSignal): Promise<number>;
  summary(column: string, signal: AbortSignal): Promise<ColumnSummary>;
  exportTo(path: string, format: ExportFormat, sort: SortKey[] | undefined, progress: ProgressFn, signal: AbortSignal): Promise<number>;
  dispose(): Promise<void>;
}

/** A SQL page statement's first page, and the handle of its kept result (none for a statement that returns no rows to keep). */
export interface ExecuteOutcome {
  statementType: string;
  columns: Column[];
  rows: Cell[][];
  total: number | null;
  hasMore: boolean;
  handle: ResultHandle | null;
}

export interface SqlTargetInfo {
  kind: 'local' | 'warehouse' | 'bundle';
  /** `Local DuckDB`, `Databricks · <profile>`, `Bundle · <title>`. */
  label: string;
  /** Where, in a sentence: `the local database`, `the warehouse "<profile>"`, `the bundle "<title>"`. */
  place: string;
  profileId?: string;
}

export interface TargetDialect extends Dialect {
  /**
   * The hand-written twin, for this side, of the app's own SQL where DuckDB's text does not run here:
   * a gold view (Databricks: over silver, not gold_partials) or a built-in dashboard dataset that
   * uses a DuckDB-only function. Undefined: run the DuckDB text, translated by `translate`.
   */
  twin(of: TwinOf): string | undefined;
}

/** App SQL that may have a twin: a gold view by name, or a built-in dashboard's dataset. */
export type TwinOf = { goldView: string } | { dashboardId: string; dataset: string };

export interface GateOptions {
  /** false: check the statement without planning it (a filter whose `$name` parameters are bound later). */
  plan?: boolean;
  /** The dialect `sql` is written in: 'duckdb' (what the app generates) unless it is SQL shown for (and edited from) a warehouse answer. */
  written?: DialectName;
  /** Names the SQL in refusals, e.g. `The SQL of the imported dashboard "…"`. */
  origin?: string;
}

export interface TargetQueryOptions {
  params?: SqlParams;
  signal?: AbortSignal;
  maxRows?: number;
  timeoutMs?: number;
}

export interface TargetRunOptions extends GateOptions, TargetQueryOptions {}

export interface PageWindow {
  offset: number;
  limit: number;
}

export interface TargetPageOptions extends GateOptions {
  params?: SqlParams;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** One page of rows; `sql` is the statement as this side ran it (qualified and translated on a warehouse). */
export interface TargetPage {
  columns: Column[];
  rows: Cell[][];
  offset: number;
  total: number;
  sql: string;
}

/**
 * Resolves where a request's SQL runs, once per request: no profile id is the local database, a
 * profile id is that Databricks SQL warehouse profile (its schema listing cached briefly).
 */
export interface SqlTargets {
  readonly local: SqlTarget;
  resolve(profileId?: string): Promise<SqlTarget>;
}

export interface DataExtent {
  minDate: string | null;
  maxDate: string | null;
  missing?: boolean;
}

export const LOCAL_DIALECT: TargetDialect = { ...DUCKDB, twin: () => undefined };

export const LOCAL_TARGET_INFO: SqlTargetInfo = { kind: 'local', label: 'Local DuckDB', place: 'the local database' };

/** The local database, or (with `info` and `relations`) an opened bundle's sandboxed DuckDB limited to its bundled tables. */
export function duckdbTarget(
  engine: Engine,
  options: { info?: SqlTargetInfo; source?: UntrustedSource; noData?: string; workbench?: SqlWorkbench } = {},
): SqlTarget {
  const base = options.source ?? {};
  // The caller may name the SQL in refusals; what the side may read (a bundle's tables) is the target's own.
  const source = (o: GateOptions): UntrustedSource => ({ origin: o.origin ?? base.origin, relations: base.relations });
  return {
    info: options.info ?? LOCAL_TARGET_INFO,
    dialect: LOCAL_DIALECT,
    gate: (sql, gate = {}) => (gate.plan === false ? checkUntrustedSql : validateUntrustedSql)(engine, sql, source(gate)),
    async run(sql, run = {}) {
      const { params, signal, maxRows, timeoutMs } = run;
      const result = await runUntrustedSql(engine, sql, { params, signal, maxRows, timeoutMs, ...source(run) });
      return { sql: sql.trim().replace(/;\s*$/u, ''), result };
    },
    query: (sql, query = {}) => engine.query(sql, query),
    columnar: (sql, columnar) => readColumnar(engine, sql, columnar),
    async page(sql, window, page = {}) {
      const checked = await checkUntrustedSql(engine, sql, source(page));
      const r = await engine.page(
        checked,
        { ...window, withTotal: true },
        { params: page.params, timeoutMs: untrustedTimeoutMs(page.timeoutMs), signal: page.signal, readOnly: true, untrusted: true },
      );
      return { columns: r.columns, rows: r.rows, offset: r.offset, total: r.total ?? 0, sql: checked };
    },
    catalog: () => readCatalog(engine),
    relations: async () => (await readCatalog(engine)).relations,
    extent: () => readExtent(engine),
    noData: async () =>
      options.noData ?? 'There is no payments data in this database yet: run a replay first (Pipeline page, or `medallion replay`).',
    workbench: options.workbench,
  };
}

/**
 * Where SQL runs for this session: the local database (with the SQL page's `workbench` when given),
 * or (with a profile id) a warehouse profile's target from `warehouse`.
 */
export function sqlTargets(
  engine: Engine,
  warehouse?: (profileId: string) => Promise<SqlTarget>,
  options: { workbench?: SqlWorkbench } = {},
): SqlTargets {
  const local = duckdbTarget(engine, { workbench: options.workbench });
  return {
    local,
    async resolve(profileId) {
      if (!profileId) return local;
      if (!warehouse) throw new AppError('UNAVAILABLE', 'Warehouse connections are not available in this session; use Local DuckDB.');
      return warehouse(profileId);
    },
  };
}

/** The local database's data extent (first and last event day in silver). */
export async function readExtent(engine: Engine): Promise<DataExtent> {
  try {
    const r = await engine.query(extentSql, { maxRows: 1, timeoutMs: 10_000 });
    const row = r.rows[0] ?? [];
    return { minDate: (row[0] as string | null) ?? null, maxDate: (row[1] as string | null) ?? null };
  } catch (error) {
    if (error instanceof AppError && error.code === 'SQL_ERROR' && /does not exist/.test(error.message))
      return { minDate: null, maxDate: null, missing: true };
    throw error;
  }
}

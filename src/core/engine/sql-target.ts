import type { Catalog, CatalogRelation, QueryResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { DUCKDB, type Dialect, type DialectName } from '../../shared/sql/dialect';
import { runUntrustedSql, validateUntrustedSql, type UntrustedSource } from '../security/untrusted-sql';
import { readCatalog } from './catalog';
import type { Engine } from './engine';
import extentSql from './sql/data_extent.sql?raw';

/**
 * Where SQL runs, in one shape: the local DuckDB database, a Databricks SQL warehouse profile
 * (src/core/warehouse/warehouse-target.ts) or an opened bundle's sandbox. Features that run SQL
 * someone else wrote (Ask, imported dashboards, bundles, agents) take a SqlTarget instead of
 * branching on a profile id; every statement passes the target's gate and runs capped in rows and
 * time.
 */
export interface SqlTarget {
  readonly info: SqlTargetInfo;
  /** How this side spells SQL, and its twins of the app's DuckDB-only SQL. */
  readonly dialect: TargetDialect;
  /** Gates `sql` (one read-only statement over this side's relations and allowed functions) and, where the side can, plans it. */
  gate(sql: string): Promise<string>;
  /** Gates and runs `sql`; returns the statement exactly as it ran, and its result. */
  run(sql: string, options?: TargetRunOptions): Promise<{ sql: string; result: QueryResult }>;
  /** This side's schemas, tables, views and columns. */
  catalog(): Promise<Catalog>;
  /** The tables and views a prompt lists (schema `main` = the side's default schema). */
  relations(): Promise<CatalogRelation[]>;
  /** The data's first and last day; `missing` when there is no silver table there. */
  extent(): Promise<DataExtent>;
  /** What to say when this side has no payments data. */
  readonly noData: string;
}

export interface SqlTargetInfo {
  kind: 'local' | 'warehouse' | 'bundle';
  /** `Local DuckDB`, `Databricks · <profile>`, `Bundle · <title>`. */
  label: string;
  profileId?: string;
}

export interface TargetDialect extends Dialect {
  /** The hand-written twin of a built-in dashboard dataset for this side, when DuckDB's SQL does not run here. */
  twin(dashboardId: string, dataset: string): string | undefined;
}

export interface TargetRunOptions {
  signal?: AbortSignal;
  maxRows?: number;
  timeoutMs?: number;
  /** The dialect `sql` is written in: 'duckdb' (what the app generates) unless it is SQL shown for (and edited from) a warehouse answer. */
  written?: DialectName;
}

export interface DataExtent {
  minDate: string | null;
  maxDate: string | null;
  missing?: boolean;
}

export const LOCAL_DIALECT: TargetDialect = { ...DUCKDB, twin: () => undefined };

export const LOCAL_TARGET_INFO: SqlTargetInfo = { kind: 'local', label: 'Local DuckDB' };

/** The local database, or (with `info` and `relations`) an opened bundle's sandboxed DuckDB limited to its bundled tables. */
export function duckdbTarget(engine: Engine, options: { info?: SqlTargetInfo; source?: UntrustedSource; noData?: string } = {}): SqlTarget {
  const source = options.source ?? {};
  return {
    info: options.info ?? LOCAL_TARGET_INFO,
    dialect: LOCAL_DIALECT,
    gate: (sql) => validateUntrustedSql(engine, sql, source),
    async run(sql, run = {}) {
      const result = await runUntrustedSql(engine, sql, { ...run, ...source });
      return { sql: sql.trim().replace(/;\s*$/u, ''), result };
    },
    catalog: () => readCatalog(engine),
    relations: async () => (await readCatalog(engine)).relations,
    extent: () => readExtent(engine),
    noData:
      options.noData ??
      'There is no payments data in this database yet: run a replay first (Pipeline page, or `medallion replay --db PATH`).',
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

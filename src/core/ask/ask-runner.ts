import type { CatalogRelation, QueryResult } from '../../shared/api';
import type { AskTarget } from '../../shared/api/domains/ask';
import { readCatalog } from '../engine/catalog';
import type { Engine } from '../engine/engine';
import { runUntrustedSql, validateUntrustedSql } from '../security/untrusted-sql';
import type { DataExtent } from './period';

export interface AskRunOptions {
  signal?: AbortSignal;
  maxRows?: number;
  timeoutMs?: number;
  /** The dialect `sql` is written in: 'duckdb' (what Ask generates) unless it is SQL shown for a warehouse answer. */
  written?: 'duckdb' | 'databricks';
}

/**
 * Where Ask's SQL runs, behind one shape: local DuckDB or a Databricks SQL warehouse. Every
 * statement passes the untrusted-SQL gate first and runs row-capped and time-limited.
 */
export interface AskRunner {
  readonly target: AskTarget;
  /** The dialect the semantic layer writes for this side. */
  readonly dialect: 'duckdb' | 'databricks';
  /** Gates and runs `sql`; returns the statement exactly as it ran, and its result. */
  run(sql: string, options?: AskRunOptions): Promise<{ sql: string; result: QueryResult }>;
  /** Gates `sql` and, where the side can, plans it without running (catches unknown columns for LLM repair). */
  validate(sql: string): Promise<string>;
  /** The data's first and last day; `missing` when there is no silver table there. */
  extent(): Promise<DataExtent & { missing?: boolean }>;
  /** The tables and views the LLM prompt lists (schema `main` = the side's default schema). */
  relations(): Promise<CatalogRelation[]>;
  /** What to say when this side has no payments data. */
  readonly noData: string;
}

export const LOCAL_ASK_TARGET: AskTarget = { kind: 'local', label: 'Local DuckDB' };

/** Ask on the open DuckDB database. */
export function localAskRunner(engine: Engine, readExtent: (engine: Engine) => Promise<DataExtent & { missing?: boolean }>): AskRunner {
  return {
    target: LOCAL_ASK_TARGET,
    dialect: 'duckdb',
    async run(sql, options = {}) {
      const result = await runUntrustedSql(engine, sql, options);
      return { sql: sql.trim().replace(/;\s*$/u, ''), result };
    },
    validate: (sql) => validateUntrustedSql(engine, sql),
    extent: () => readExtent(engine),
    relations: async () => (await readCatalog(engine)).relations,
    noData: 'There is no payments data in this database yet: run a replay first (Pipeline page, or `medallion replay --db PATH`).',
  };
}

import type { Catalog, QueryResult, SqlParams } from '../../shared/api';
import { dollarToColonParams } from '../../shared/sql/param-style';
import { bindWarehouseParams } from '../warehouse/params';
import type { Engine } from '../engine/engine';
import { fromDatabricksSql } from '../../shared/sql/databricks-dialect';
import { DATABRICKS } from '../../shared/sql/dialect';
import { quoteIdent } from '../../shared/sql/quote';
import { runQuery } from '../warehouse/run-statement';
import type { WarehouseService } from '../warehouse/service';
import { DATABRICKS_ALLOWED_FUNCTIONS, DATABRICKS_ALLOWED_TABLE_FUNCTIONS } from './function-allowlist';
import type { FunctionPolicy, RelationCatalog } from './sql-ast-policy';
import { gateUntrustedSql, UNTRUSTED_MAX_BYTES, UNTRUSTED_MAX_ROWS, UNTRUSTED_TIMEOUT_MS, type UntrustedRunOptions } from './untrusted-sql';

/**
 * What a statement may call on a warehouse: an allowlist (databricks-functions.json), so secret(),
 * http_request, ai_* and any function Databricks adds later are refused; table functions such as
 * read_files are not on it at all.
 */
export const WAREHOUSE_FUNCTION_POLICY: FunctionPolicy = {
  functions: DATABRICKS_ALLOWED_FUNCTIONS,
  tableFunctions: DATABRICKS_ALLOWED_TABLE_FUNCTIONS,
};

/** The one schema a warehouse answer may read: the profile's catalog and schema, as the warehouse lists them. */
export function warehouseRelations(catalog: Catalog): RelationCatalog & { catalog: string; schema: string; names: ReadonlySet<string> } {
  const schema = catalog.schemas[0] ?? '';
  const names = new Set(catalog.relations.map((r) => r.name.toLowerCase()));
  return {
    database: catalog.database,
    catalog: catalog.database,
    schema,
    names,
    has: (s, name) => names.has(name) && (s === '' || s === schema.toLowerCase()),
  };
}

export interface WarehouseRun extends UntrustedRunOptions {
  profileId: string;
  /** `$name` values, sent as bound `:name` parameters. */
  params?: SqlParams;
  /** Names the SQL in refusals. */
  origin?: string;
  /** The profile's schema (warehouse.catalog); the statement may read only its relations. */
  catalog: Catalog;
  /** 'duckdb' for SQL the app generated, 'databricks' for SQL shown for (and edited from) a warehouse answer. */
  dialect: 'duckdb' | 'databricks';
}

/**
 * The untrusted-SQL gate for a warehouse: DuckDB's parser judges the statement (one SELECT,
 * only the profile schema's relations, no denied function), then it is written as Databricks
 * SQL with every relation qualified `catalog`.`schema`.`name`, and runs on the warehouse with
 * a row cap and a time limit. Returns the statement exactly as it ran.
 */
export async function runUntrustedSqlOnWarehouse(
  engine: Engine,
  warehouse: WarehouseService,
  sql: string,
  run: WarehouseRun,
): Promise<{ sql: string; result: QueryResult }> {
  const relations = warehouseRelations(run.catalog);
  const duck = run.dialect === 'databricks' ? fromDatabricksSql(sql) : sql;
  const { text, ast } = await gateUntrustedSql(engine, duck, { relations, functions: WAREHOUSE_FUNCTION_POLICY }, { origin: run.origin });
  const remote = DATABRICKS.translate(qualifyRelations(text, ast, relations));
  const result = await warehouse.withSession(run.profileId, (session) =>
    runQuery(session, run.params ? dollarToColonParams(remote) : remote, {
      params: run.params && bindWarehouseParams(run.params),
      maxRows: run.maxRows ?? UNTRUSTED_MAX_ROWS,
      maxBytes: UNTRUSTED_MAX_BYTES,
      timeoutMs: run.timeoutMs ?? UNTRUSTED_TIMEOUT_MS,
      signal: run.signal,
    }),
  );
  return { sql: remote, result };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Writes `catalog.schema.` before every unqualified reference to a warehouse relation, at the
 * offsets DuckDB's parse tree gives, so the SQL shown says exactly which tables answered.
 * A name a CTE shadows is left alone.
 */
export function qualifyRelations(
  text: string,
  ast: unknown,
  target: { catalog: string; schema: string; names: ReadonlySet<string> },
): string {
  if (!target.catalog || !target.schema) return text;
  const ctes = new Set<string>();
  const refs: { at: number; name: string }[] = [];
  const visit = (node: Json | undefined): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const map = node.cte_map;
    if (map && typeof map === 'object' && !Array.isArray(map) && Array.isArray(map.map)) {
      for (const e of map.map) if (e && typeof e === 'object' && !Array.isArray(e)) ctes.add(String(e.key).toLowerCase());
    }
    if (node.type === 'BASE_TABLE' && !node.schema_name && !node.catalog_name && typeof node.query_location === 'number') {
      refs.push({ at: node.query_location, name: String(node.table_name) });
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast as Json);
  const prefix = `${quoteIdent(target.catalog)}.${quoteIdent(target.schema)}.`;
  let out = text;
  for (const ref of refs
    .filter((r) => !ctes.has(r.name.toLowerCase()) && target.names.has(r.name.toLowerCase()))
    .sort((a, b) => b.at - a.at)) {
    const written = out.slice(ref.at);
    // The offset must point at the name as written (bare or quoted); otherwise the session's default schema applies.
    const bare = written.toLowerCase().startsWith(ref.name.toLowerCase());
    const quoted = written.startsWith(quoteIdent(ref.name));
    if (bare || quoted) out = out.slice(0, ref.at) + prefix + out.slice(ref.at);
  }
  return out;
}

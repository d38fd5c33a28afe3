import type { Catalog, WarehouseProfile } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { DATABRICKS } from '../../shared/sql/dialect';
import { dollarToColonParams } from '../../shared/sql/param-style';
import { warehouseParams } from '../dashboards/warehouse-datasets';
import { databricksTwin } from '../dashboards/dataset-twins';
import type { Engine } from '../engine/engine';
import type { SqlTarget, TargetDialect } from '../engine/sql-target';
import { gateUntrustedSql, UNTRUSTED_TIMEOUT_MS } from '../security/untrusted-sql';
import {
  qualifyRelations,
  runUntrustedSqlOnWarehouse,
  WAREHOUSE_FUNCTION_POLICY,
  warehouseRelations,
} from '../security/untrusted-warehouse-sql';
import { runQuery } from './run-statement';
import type { WarehouseService } from './service';
import extentSql from './sql/data_extent.sql?raw';

const SILVER = 'payments_enriched_silver';

/** How long a warehouse schema listing (the gate's relations, the prompt's schema) is reused. */
const CATALOG_TTL_MS = 60_000;

/** Databricks SQL, with the hand-written twins of built-in datasets that use DuckDB-only functions. */
export const WAREHOUSE_DIALECT: TargetDialect = { ...DATABRICKS, twin: databricksTwin };

/**
 * A Databricks SQL warehouse profile as a SqlTarget: the same gate (DuckDB's parser, the profile
 * schema's relations only, allowlisted Databricks functions), then Databricks SQL with qualified
 * names, run on the warehouse. There is no remote plan-only check, so LLM SQL is repaired on the
 * warehouse's run error.
 */
export function warehouseTarget(
  engine: Engine,
  warehouse: WarehouseService,
  profile: Pick<WarehouseProfile, 'id' | 'name'>,
  catalog: Catalog,
): SqlTarget {
  const relations = warehouseRelations(catalog);
  return {
    info: { kind: 'warehouse', label: `Databricks · ${profile.name}`, profileId: profile.id },
    dialect: WAREHOUSE_DIALECT,
    run: (sql, options = {}) =>
      runUntrustedSqlOnWarehouse(engine, warehouse, sql, {
        ...options,
        profileId: profile.id,
        catalog,
        dialect: options.written ?? 'duckdb',
      }),
    gate: async (sql) => (await gateUntrustedSql(engine, sql, { relations, functions: WAREHOUSE_FUNCTION_POLICY })).text,
    async page(sql, window, options = {}) {
      const { text, ast } = await gateUntrustedSql(engine, sql, { relations, functions: WAREHOUSE_FUNCTION_POLICY });
      const remote = DATABRICKS.translate(qualifyRelations(text, ast, relations));
      const sent = dollarToColonParams(remote);
      const run = {
        params: warehouseParams(options.params ?? {}),
        timeoutMs: options.timeoutMs ?? UNTRUSTED_TIMEOUT_MS,
        signal: options.signal,
      };
      return warehouse.withSession(profile.id, async (session) => {
        // LIMIT/OFFSET on the ordered statement itself: a warehouse need not keep a subquery's order.
        const page = await runQuery(session, `${sent}\nLIMIT ${window.limit} OFFSET ${window.offset}`, { ...run, maxRows: window.limit });
        const count = await runQuery(session, `SELECT count(*) AS n FROM (${sent}\n) AS count_source`, { ...run, maxRows: 1 });
        return { columns: page.columns, rows: page.rows, offset: window.offset, total: Number(count.rows[0]?.[0] ?? 0), sql: remote };
      });
    },
    catalog: async () => catalog,
    async extent() {
      if (!relations.names.has(SILVER)) return { minDate: null, maxDate: null, missing: true };
      try {
        const r = await warehouse.withSession(profile.id, (session) => runQuery(session, extentSql, { maxRows: 1, timeoutMs: 30_000 }));
        const row = r.rows[0] ?? [];
        return { minDate: (row[0] as string | null) ?? null, maxDate: (row[1] as string | null) ?? null };
      } catch (error) {
        if (error instanceof AppError && error.code === 'SQL_ERROR') {
          throw new AppError('SQL_ERROR', `The warehouse "${profile.name}" could not read ${SILVER}: ${error.message}`);
        }
        throw error;
      }
    },
    // The prompt lists the profile's schema as the default one (`main` on the local side).
    relations: async () => catalog.relations.map((r) => ({ ...r, schema: 'main' })),
    noData:
      `The warehouse "${profile.name}" has no ${SILVER} in ${catalog.database}.${relations.schema}: ` +
      'create the medallion tables there (`medallion warehouse ddl` prints the gold views) or ask on Local DuckDB.',
  };
}

/** A profile id → its warehouse target, the profile's schema listing reused for a minute. */
export function warehouseTargets(engine: Engine, warehouse: WarehouseService): (profileId: string) => Promise<SqlTarget> {
  const catalogs = new Map<string, { at: number; catalog: Promise<Catalog> }>();
  return async (profileId) => {
    const profile = await warehouse.profiles.resolve(profileId);
    let cached = catalogs.get(profileId);
    if (!cached || Date.now() - cached.at > CATALOG_TTL_MS) {
      cached = { at: Date.now(), catalog: warehouse.catalog(profileId) };
      catalogs.set(profileId, cached);
      cached.catalog.catch(() => catalogs.delete(profileId));
    }
    return warehouseTarget(engine, warehouse, profile, await cached.catalog);
  };
}

import { warehouseSqlTargetId, type Catalog, type WarehouseProfile } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { dollarToColonParams } from '../../shared/sql/param-style';
import { fromDatabricksSql } from '../../shared/sql/databricks-dialect';
import { bindWarehouseParams } from './params';
import { DEFAULT_MAX_ROWS, type Engine } from '../engine/engine';
import type { GateOptions, SqlTarget } from '../engine/sql-target';
import { WAREHOUSE_DIALECT } from './warehouse-dialect';
import { DATABRICKS } from '../../shared/sql/dialect';
import { gateUntrustedSql, UNTRUSTED_TIMEOUT_MS } from '../security/untrusted-sql';
import {
  qualifyRelations,
  runUntrustedSqlOnWarehouse,
  WAREHOUSE_FUNCTION_POLICY,
  warehouseRelations,
} from '../security/untrusted-warehouse-sql';
import { runQuery } from './run-statement';
import type { WarehouseService } from './service';
import type { TargetRegistry } from '../sqlwb/targets';
import { warehouseWorkbench } from './warehouse-workbench';
import extentSql from './sql/data_extent.sql?raw';

const SILVER = 'payments_enriched_silver';

/** How long a warehouse schema listing (the gate's relations, the prompt's schema) is reused. */
const CATALOG_TTL_MS = 60_000;

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
  listCatalog: () => Promise<Catalog>,
): SqlTarget {
  // The schema listing is read when first needed: the app's own SQL (`query`) runs without it.
  let scope: Promise<{ catalog: Catalog; relations: ReturnType<typeof warehouseRelations> }> | undefined;
  const read = () => (scope ??= listCatalog().then((catalog) => ({ catalog, relations: warehouseRelations(catalog) })));
  const gate = async (sql: string, options: GateOptions) =>
    gateUntrustedSql(
      engine,
      options.written === 'databricks' ? fromDatabricksSql(sql) : sql,
      { relations: (await read()).relations, functions: WAREHOUSE_FUNCTION_POLICY },
      { origin: options.origin },
    );
  return {
    info: { kind: 'warehouse', label: `Databricks · ${profile.name}`, place: `the warehouse "${profile.name}"`, profileId: profile.id },
    dialect: WAREHOUSE_DIALECT,
    run: async (sql, options = {}) =>
      runUntrustedSqlOnWarehouse(engine, warehouse, sql, {
        ...options,
        profileId: profile.id,
        catalog: (await read()).catalog,
        dialect: options.written ?? 'duckdb',
      }),
    gate: async (sql, options = {}) => (await gate(sql, options)).text,
    query: (sql, options = {}) =>
      warehouse.withSession(profile.id, (session) =>
        runQuery(session, dollarToColonParams(sql), {
          ...options,
          maxRows: options.maxRows ?? DEFAULT_MAX_ROWS,
          params: bindWarehouseParams(options.params ?? {}),
        }),
      ),
    async page(sql, window, options = {}) {
      const { text, ast } = await gate(sql, options);
      const remote = DATABRICKS.translate(qualifyRelations(text, ast, (await read()).relations));
      const sent = dollarToColonParams(remote);
      const run = {
        params: bindWarehouseParams(options.params ?? {}),
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
    catalog: async () => (await read()).catalog,
    async extent() {
      if (!(await read()).relations.names.has(SILVER)) return { minDate: null, maxDate: null, missing: true };
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
    relations: async () => (await read()).catalog.relations.map((r) => ({ ...r, schema: 'main' })),
    async noData() {
      const { catalog, relations } = await read();
      return (
        `The warehouse "${profile.name}" has no ${SILVER} in ${catalog.database}.${relations.schema}: ` +
        'create the medallion tables there (`medallion warehouse ddl` prints the gold views) or ask on Local DuckDB.'
      );
    },
    workbench: warehouseWorkbench(engine, warehouse, profile),
  };
}

/** A profile id → its warehouse target, the profile's schema listing reused for a minute. */
export function warehouseTargets(engine: Engine, warehouse: WarehouseService): (profileId: string) => Promise<SqlTarget> {
  const catalogs = new Map<string, { at: number; catalog: Promise<Catalog> }>();
  const listing = (profileId: string): Promise<Catalog> => {
    let cached = catalogs.get(profileId);
    if (!cached || Date.now() - cached.at > CATALOG_TTL_MS) {
      cached = { at: Date.now(), catalog: warehouse.catalog(profileId) };
      catalogs.set(profileId, cached);
      cached.catalog.catch(() => catalogs.delete(profileId));
    }
    return cached.catalog;
  };
  return async (profileId) => {
    const profile = await warehouse.profiles.resolve(profileId);
    return warehouseTarget(engine, warehouse, profile, () => listing(profileId));
  };
}

/** Keeps one SQL page target per warehouse profile registered, following profile changes; its schema listing is read on each call. */
export async function syncWarehouseTargets(registry: TargetRegistry, warehouse: WarehouseService, engine: Engine): Promise<void> {
  const registered = new Map<string, () => void>();
  const sync = async () => {
    const { profiles } = await warehouse.listProfiles();
    for (const off of registered.values()) off();
    registered.clear();
    for (const p of profiles) {
      const entry = { id: warehouseSqlTargetId(p.id), label: `Databricks · ${p.name}`, kind: 'databricks' as const };
      registered.set(
        p.id,
        registry.register(entry, () => warehouseTarget(engine, warehouse, p, () => warehouse.catalog(p.id))),
      );
    }
  };
  warehouse.onProfilesChanged(sync);
  await sync();
}

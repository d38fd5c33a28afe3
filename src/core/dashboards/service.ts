import type { DashboardSummary, LoadedDashboard, QueryResult } from '../../shared/api';
import { datasetSql, type Dashboard, type Dataset } from '../../shared/dashboards/definition';
import { parameterValues } from '../../shared/dashboards/parameters';
import { filterParams, inlineParams, pickParams, type FilterOptions, type Filters } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { checkUntrustedSql, untrustedTimeoutMs } from '../security/untrusted-sql';
import { gateWarehouseSql } from '../security/untrusted-warehouse-sql';
import type { WarehouseService } from '../warehouse/service';
import { BUILTIN_DASHBOARDS } from './builtin';
import { WAREHOUSE_DIALECT } from '../warehouse/warehouse-target';
import { twinsOf } from './dataset-twins';
import { buildDrillQuery } from './drill';
import { hasSilver, readFilterOptions } from './filter-options';
import type { ImportedDashboards } from './imported-store';
import { runDatasetOnWarehouse, warehouseFilterOptions } from './warehouse-datasets';
import { drillOnWarehouse } from './warehouse-drill';
import { duckDbToDatabricks } from './lakeview-sql';

export const DATASET_TIMEOUT_MS = 30_000;
export const IMPORTED_PREFIX = 'imported:';
export const BUNDLE_PREFIX = 'bundle:';

/** A dashboard and the database its SQL runs on (the user's, or a bundle's sandbox). */
export interface DashboardTarget {
  definition: Dashboard;
  source: LoadedDashboard['source'];
  readOnly: boolean;
  engine: Engine;
  /** Checks a statement before it runs (bundles: one SELECT over bundled tables only). */
  gate?: (sql: string) => Promise<void>;
  filterOptions(): Promise<FilterOptions>;
  /** Silver columns present (bundles carry only the ones their widgets need). */
  silverColumns(): Promise<string[]>;
  /** Set for an opened bundle: what its snapshot covers. */
  snapshot?: LoadedDashboard['snapshot'];
}

/** Opened bundles, as the dashboard service sees them. */
export interface BundleTargets {
  target(sessionId: string): DashboardTarget | undefined;
  summaries(): DashboardSummary[];
}

/** The untrusted-SQL gate for an imported (or user-added) dashboard's statement on the user's database. */
export async function gateImportedSql(engine: Engine, title: string, sql: string): Promise<void> {
  await checkUntrustedSql(engine, sql, { origin: importedOrigin(title) });
}

const importedOrigin = (title: string) => `The SQL of the imported dashboard "${title}"`;

/** Gated (untrusted) dashboards get the untrusted-SQL time limit; the app's own the dataset limit. */
function timeLimit(t: DashboardTarget): number {
  return t.gate ? untrustedTimeoutMs(DATASET_TIMEOUT_MS) : DATASET_TIMEOUT_MS;
}

/** An imported dataset naming a catalog the local database lacks says so, and where it can run. */
async function requireLocalCatalogs(engine: Engine, dataset: Dataset): Promise<void> {
  if (!dataset.warehouseCatalogs?.length) return;
  const r = await engine.query('SELECT database_name FROM duckdb_databases() WHERE NOT internal');
  const local = new Set(r.rows.map((row) => String(row[0]).toLowerCase()));
  const missing = dataset.warehouseCatalogs.filter((c) => !local.has(c.toLowerCase()));
  if (missing.length)
    throw new AppError(
      'NOT_FOUND',
      `Dataset "${dataset.title ?? dataset.name}" reads the catalog ${missing.map((c) => `"${c}"`).join(', ')}, which the local database does not have. ` +
        'Run this dashboard on a warehouse profile (Target: a Databricks profile) to see it.',
    );
}

/** Runs dashboards: finds a definition by id and runs its datasets and drills on the right engine. */
export class DashboardService {
  constructor(
    private readonly engine: Engine,
    private readonly imported: ImportedDashboards,
    private readonly bundles: () => BundleTargets | undefined,
    private readonly warehouse?: WarehouseService,
  ) {}

  list(): DashboardSummary[] {
    const summary = (d: Dashboard, id: string, source: DashboardSummary['source']): DashboardSummary => ({
      id,
      title: d.title,
      description: d.description,
      widgetCount: d.widgets.length,
      source,
    });
    return [
      ...BUILTIN_DASHBOARDS.map((d) => summary(d, d.id, 'builtin')),
      ...this.imported.list().map((d) => summary(d, IMPORTED_PREFIX + d.id, 'imported')),
      ...(this.bundles()?.summaries() ?? []),
    ];
  }

  target(id: string): DashboardTarget {
    if (id.startsWith(BUNDLE_PREFIX)) {
      const t = this.bundles()?.target(id.slice(BUNDLE_PREFIX.length));
      if (!t) throw new AppError('NOT_FOUND', 'That bundle is no longer open. Open the bundle file again.');
      return t;
    }
    const definition = id.startsWith(IMPORTED_PREFIX)
      ? this.imported.get(id.slice(IMPORTED_PREFIX.length))
      : BUILTIN_DASHBOARDS.find((d) => d.id === id);
    if (!definition) throw new AppError('NOT_FOUND', `There is no dashboard "${id}". Pick one from the gallery.`);
    const imported = id.startsWith(IMPORTED_PREFIX);
    return {
      definition,
      source: imported ? 'imported' : 'builtin',
      readOnly: false,
      engine: this.engine,
      // An imported dashboard's SQL came from a file someone else wrote: the untrusted-SQL gate decides.
      gate: imported ? (sql) => gateImportedSql(this.engine, definition.title, sql) : undefined,
      filterOptions: () => readFilterOptions(this.engine),
      silverColumns: async () => {
        const r = await this.engine.query(
          "SELECT column_name FROM duckdb_columns() WHERE table_name = 'payments_enriched_silver' AND schema_name = 'main'",
        );
        return r.rows.map((row) => String(row[0]));
      },
    };
  }

  /** The warehouse a dashboard runs on when a profile is picked: never a bundle's (it carries its own data). */
  private warehouseFor(t: DashboardTarget): WarehouseService {
    if (t.source === 'bundle')
      throw new AppError('INVALID_INPUT', 'A bundle dashboard runs on its own bundled data; it cannot run on a warehouse.');
    if (!this.warehouse) throw new AppError('UNAVAILABLE', 'Warehouse connections are not available in this session.');
    return this.warehouse;
  }

  get(id: string): LoadedDashboard {
    const t = this.target(id);
    const databricksSql = t.source === 'builtin' ? twinsOf(t.definition) : {};
    return {
      id,
      source: t.source,
      definition: t.definition,
      readOnly: t.readOnly,
      databricksSql,
      ...(t.snapshot ? { snapshot: t.snapshot } : {}),
    };
  }

  /** Filter choices of a dashboard, read from local silver or, with `profileId`, from that warehouse. */
  filterOptions(id: string, profileId?: string, signal?: AbortSignal): Promise<FilterOptions> {
    const t = this.target(id);
    if (!profileId) return t.filterOptions();
    return warehouseFilterOptions(this.warehouseFor(t), profileId, signal);
  }

  /** Runs one dataset under the filters, on local DuckDB or, with `profileId`, on that Databricks SQL warehouse. */
  async runDataset(id: string, datasetName: string, filters: Filters, signal?: AbortSignal, profileId?: string): Promise<QueryResult> {
    const t = this.target(id);
    const dataset = t.definition.datasets.find((d) => d.name === datasetName);
    if (!dataset) throw new AppError('NOT_FOUND', `The dashboard "${t.definition.title}" has no dataset "${datasetName}".`);
    // On a warehouse a built-in dataset that uses DuckDB-only functions runs its Databricks SQL twin.
    const twin = profileId && t.source === 'builtin' ? WAREHOUSE_DIALECT.twin(t.definition.id, dataset.name) : undefined;
    // An imported dataset came from Databricks SQL: on a warehouse it goes back to that quoting.
    const sql =
      twin ?? (profileId && t.source === 'imported' ? duckDbToDatabricks(datasetSql(dataset), (n) => `$${n}`).sql : datasetSql(dataset));
    let params;
    try {
      const own = parameterValues(t.definition.parameters ?? [], filters.parameters, filters.dateTo);
      params = pickParams(sql, { ...filterParams(filters), ...own });
    } catch (error) {
      throw new AppError('INVALID_INPUT', `Dataset "${dataset.name}": ${(error as Error).message}`);
    }
    if (profileId) {
      const warehouse = this.warehouseFor(t);
      // An imported dashboard's SQL is judged for the warehouse too: its grants may well allow a DELETE.
      if (t.gate) await gateWarehouseSql(this.engine, warehouse, profileId, sql, { origin: importedOrigin(t.definition.title) });
      return runDatasetOnWarehouse(warehouse, {
        profileId,
        datasetName: dataset.name,
        sql,
        params,
        maxRows: 5_000,
        timeoutMs: DATASET_TIMEOUT_MS,
        signal,
      });
    }
    await requireLocalCatalogs(t.engine, dataset);
    try {
      if (t.gate) await t.gate(sql);
      return await t.engine.query(sql, {
        params,
        maxRows: 5_000,
        timeoutMs: timeLimit(t),
        signal,
        readOnly: Boolean(t.gate),
        untrusted: Boolean(t.gate),
      });
    } catch (error) {
      if (t.source !== 'bundle' && error instanceof AppError && error.code === 'SQL_ERROR' && !(await hasSilver(t.engine))) {
        throw new AppError('NOT_FOUND', 'There is no data yet: replay events first (Pipeline page, or `medallion replay`).');
      }
      // An imported file's SQL may use what DuckDB lacks or the gate refuses: say which dataset, so the rest still reads.
      const refused = error instanceof AppError && (error.code === 'SQL_ERROR' || error.code === 'FORBIDDEN');
      if (t.source === 'imported' && refused && !error.message.startsWith('Dataset "'))
        throw new AppError(
          error.code,
          `Dataset "${dataset.title ?? dataset.name}" failed on the local database: ${error.message}` +
            (dataset.catalog && /does not exist/i.test(error.message)
              ? ` On Databricks it reads the catalog "${dataset.catalog}"${dataset.schema ? ` (schema "${dataset.schema}")` : ''}: ` +
                'run this dashboard on a warehouse profile to see it.'
              : ''),
        );
      throw error;
    }
  }

  /** One page of the silver rows behind a widget, locally or, with `profileId`, on that warehouse. */
  async drill(
    input: {
      id: string;
      widgetId: string;
      filters: Filters;
      value?: string | number | boolean | null;
      offset: number;
      limit: number;
      profileId?: string;
    },
    signal?: AbortSignal,
  ) {
    const t = this.target(input.id);
    if (input.profileId) {
      const warehouse = this.warehouseFor(t);
      const { id: _id, ...rest } = input;
      const profileId = input.profileId;
      return drillOnWarehouse(warehouse, {
        ...rest,
        profileId,
        gate: t.gate
          ? (sql) => gateWarehouseSql(this.engine, warehouse, profileId, sql, { origin: importedOrigin(t.definition.title) })
          : undefined,
        dashboard: t.definition,
        timeoutMs: DATASET_TIMEOUT_MS,
        signal,
      });
    }
    const available = await t.silverColumns();
    if (available.length === 0) throw new AppError('NOT_FOUND', 'There are no silver rows to drill into yet.');
    const q = buildDrillQuery(t.definition, input.widgetId, input.filters, input.value, available);
    if (t.gate) await t.gate(q.sql);
    const page = await t.engine.page(
      q.sql,
      { offset: input.offset, limit: input.limit, withTotal: true },
      { params: q.params, timeoutMs: timeLimit(t), signal, readOnly: Boolean(t.gate), untrusted: Boolean(t.gate) },
    );
    return { ...page, description: q.description, sql: inlineParams(q.sql, q.params) };
  }
}

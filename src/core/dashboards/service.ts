import type { DashboardSummary, DrillResult, LoadedDashboard, QueryResult } from '../../shared/api';
import { datasetSql, type Dashboard, type Dataset } from '../../shared/dashboards/definition';
import { parameterValues } from '../../shared/dashboards/parameters';
import { filterParams, inlineParams, pickParams, type FilterOptions, type Filters } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import type { SqlTarget, SqlTargets } from '../engine/sql-target';
import { untrustedTimeoutMs } from '../security/untrusted-sql';
import { BUILTIN_DASHBOARDS } from './builtin';
import { twinsOf } from './dataset-twins';
import { buildDrillQuery } from './drill';
import { readFilterOptions } from './filter-options';
import type { ImportedDashboards } from './imported-store';
import { duckDbToDatabricks } from './lakeview-sql';

export const DATASET_TIMEOUT_MS = 30_000;
export const IMPORTED_PREFIX = 'imported:';
export const BUNDLE_PREFIX = 'bundle:';
const DATASET_MAX_ROWS = 5_000;

/** A dashboard opened to run: its definition, and where its SQL runs unless a warehouse profile is picked. */
export interface OpenedDashboard {
  definition: Dashboard;
  source: LoadedDashboard['source'];
  readOnly: boolean;
  /** The local database, or an opened bundle's sandbox. */
  target: SqlTarget;
  /** Set for an opened bundle: its filter choices and what its snapshot covers (its data travels with it). */
  bundled?: { filterOptions: FilterOptions; snapshot: NonNullable<LoadedDashboard['snapshot']> };
}

/** Opened bundles, as the dashboard service sees them. */
export interface BundleDashboards {
  opened(sessionId: string): OpenedDashboard | undefined;
  summaries(): DashboardSummary[];
}

/** Built-in dashboards run the app's own SQL; an imported or bundled one is someone else's and runs through the target's gate. */
const untrusted = (d: OpenedDashboard) => d.source !== 'builtin';
const importedOrigin = (title: string) => `The SQL of the imported dashboard "${title}"`;
const originOf = (d: OpenedDashboard) => (d.source === 'imported' ? importedOrigin(d.definition.title) : undefined);

/** Gated (untrusted) dashboards get the untrusted-SQL time limit; the app's own the dataset limit. */
const timeLimit = (d: OpenedDashboard) => (untrusted(d) ? untrustedTimeoutMs(DATASET_TIMEOUT_MS) : DATASET_TIMEOUT_MS);

/** An imported dataset naming a catalog the local database lacks says so, and where it can run. */
async function requireCatalogs(target: SqlTarget, dataset: Dataset): Promise<void> {
  if (!dataset.warehouseCatalogs?.length || target.info.kind === 'warehouse') return;
  const r = await target.query('SELECT database_name FROM duckdb_databases() WHERE NOT internal');
  const local = new Set(r.rows.map((row) => String(row[0]).toLowerCase()));
  const missing = dataset.warehouseCatalogs.filter((c) => !local.has(c.toLowerCase()));
  if (missing.length)
    throw new AppError(
      'NOT_FOUND',
      `Dataset "${dataset.title ?? dataset.name}" reads the catalog ${missing.map((c) => `"${c}"`).join(', ')}, which the local database does not have. ` +
        'Run this dashboard on a warehouse profile (Target: a Databricks profile) to see it.',
    );
}

/** Runs dashboards: finds a definition by id and runs its datasets and drills on the target it is opened on. */
export class DashboardService {
  constructor(
    private readonly imported: ImportedDashboards,
    private readonly bundles: () => BundleDashboards | undefined,
    private readonly targets: SqlTargets,
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

  open(id: string): OpenedDashboard {
    if (id.startsWith(BUNDLE_PREFIX)) {
      const d = this.bundles()?.opened(id.slice(BUNDLE_PREFIX.length));
      if (!d) throw new AppError('NOT_FOUND', 'That bundle is no longer open. Open the bundle file again.');
      return d;
    }
    const definition = id.startsWith(IMPORTED_PREFIX)
      ? this.imported.get(id.slice(IMPORTED_PREFIX.length))
      : BUILTIN_DASHBOARDS.find((d) => d.id === id);
    if (!definition) throw new AppError('NOT_FOUND', `There is no dashboard "${id}". Pick one from the gallery.`);
    return { definition, source: id.startsWith(IMPORTED_PREFIX) ? 'imported' : 'builtin', readOnly: false, target: this.targets.local };
  }

  /** Where a dashboard's SQL runs: where it is opened, or the picked warehouse profile (never a bundle's: it carries its own data). */
  private async targetOf(d: OpenedDashboard, profileId: string | undefined): Promise<SqlTarget> {
    if (d.bundled && profileId)
      throw new AppError('INVALID_INPUT', 'A bundle dashboard runs on its own bundled data; it cannot run on a warehouse.');
    return profileId ? this.targets.resolve(profileId) : d.target;
  }

  get(id: string): LoadedDashboard {
    const d = this.open(id);
    const databricksSql = d.source === 'builtin' ? twinsOf(d.definition) : {};
    return {
      id,
      source: d.source,
      definition: d.definition,
      readOnly: d.readOnly,
      databricksSql,
      ...(d.bundled ? { snapshot: d.bundled.snapshot } : {}),
    };
  }

  /** Filter choices of a dashboard, read from silver where it runs (a bundle's come with it). */
  async filterOptions(id: string, profileId?: string, signal?: AbortSignal): Promise<FilterOptions> {
    const d = this.open(id);
    const target = await this.targetOf(d, profileId);
    return d.bundled ? d.bundled.filterOptions : readFilterOptions(target, signal);
  }

  /** Runs one dataset under the filters, on the dashboard's target or the picked warehouse profile's. */
  async runDataset(id: string, datasetName: string, filters: Filters, signal?: AbortSignal, profileId?: string): Promise<QueryResult> {
    const d = this.open(id);
    const dataset = d.definition.datasets.find((x) => x.name === datasetName);
    if (!dataset) throw new AppError('NOT_FOUND', `The dashboard "${d.definition.title}" has no dataset "${datasetName}".`);
    const target = await this.targetOf(d, profileId);
    const onWarehouse = target.dialect.name === 'databricks';
    // Where DuckDB's SQL does not run, a built-in dataset runs its hand-written twin for that side;
    // an imported dataset came from Databricks SQL, and goes back to that quoting there.
    const twin = d.source === 'builtin' ? target.dialect.twin({ dashboardId: d.definition.id, dataset: dataset.name }) : undefined;
    const written = onWarehouse && d.source === 'imported' ? 'databricks' : 'duckdb';
    const sql = twin ?? (written === 'databricks' ? duckDbToDatabricks(datasetSql(dataset), (n) => `$${n}`).sql : datasetSql(dataset));
    let params;
    try {
      const own = parameterValues(d.definition.parameters ?? [], filters.parameters, filters.dateTo);
      params = pickParams(sql, { ...filterParams(filters), ...own });
    } catch (error) {
      throw new AppError('INVALID_INPUT', `Dataset "${dataset.name}": ${(error as Error).message}`);
    }
    await requireCatalogs(target, dataset);
    const options = { params, maxRows: DATASET_MAX_ROWS, timeoutMs: timeLimit(d), signal };
    try {
      if (!untrusted(d)) return await target.query(sql, options);
      return (await target.run(sql, { ...options, written, origin: originOf(d) })).result;
    } catch (error) {
      throw await this.datasetError(error, d, dataset, target);
    }
  }

  /** A dataset's failure, saying which dataset failed where, so the other widgets still read. */
  private async datasetError(error: unknown, d: OpenedDashboard, dataset: Dataset, target: SqlTarget): Promise<unknown> {
    if (!(error instanceof AppError) || (error.code !== 'SQL_ERROR' && error.code !== 'FORBIDDEN')) return error;
    if (error.message.startsWith('Dataset "')) return error;
    if (target.info.kind === 'warehouse') {
      if (error.code !== 'SQL_ERROR') return error;
      return new AppError(
        'SQL_ERROR',
        `Dataset "${dataset.name}" failed on ${target.info.place}: ${error.message} ` +
          'Check that the gold tables exist there (`medallion warehouse ddl`) or switch the dashboard back to Local DuckDB.',
      );
    }
    if (!d.bundled && error.code === 'SQL_ERROR' && (await target.extent()).missing)
      return new AppError('NOT_FOUND', 'There is no data yet: replay events first (Pipeline page, or `medallion replay`).');
    if (d.source !== 'imported') return error;
    return new AppError(
      error.code,
      `Dataset "${dataset.title ?? dataset.name}" failed on the local database: ${error.message}` +
        (dataset.catalog && /does not exist/i.test(error.message)
          ? ` On Databricks it reads the catalog "${dataset.catalog}"${dataset.schema ? ` (schema "${dataset.schema}")` : ''}: ` +
            'run this dashboard on a warehouse profile to see it.'
          : ''),
    );
  }

  /** One page of the silver rows behind a widget, on the dashboard's target or the picked warehouse profile's. */
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
  ): Promise<DrillResult> {
    const d = this.open(input.id);
    const target = await this.targetOf(d, input.profileId);
    const silver = (await target.relations()).find((r) => r.schema === 'main' && r.name === 'payments_enriched_silver');
    if (!silver) throw new AppError('NOT_FOUND', 'There are no silver rows to drill into yet.');
    const available = silver.columns.map((c) => c.name);
    const q = buildDrillQuery(d.definition, input.widgetId, input.filters, input.value, available, target.dialect.name);
    const written = target.dialect.name;
    try {
      const page = await target.page(
        q.sql,
        { offset: input.offset, limit: input.limit },
        { params: q.params, timeoutMs: timeLimit(d), signal, written, origin: originOf(d) },
      );
      const shown = inlineParams(q.sql, q.params);
      return {
        columns: page.columns,
        rows: page.rows,
        offset: page.offset,
        total: page.total,
        description: q.description,
        sql: written === 'databricks' ? target.dialect.translate(shown) : shown,
      };
    } catch (error) {
      if (target.info.kind === 'warehouse' && error instanceof AppError && error.code === 'SQL_ERROR')
        throw new AppError(
          'SQL_ERROR',
          `The rows behind this widget could not be read on ${target.info.place}: ${error.message} ` +
            'Check that payments_enriched_silver exists there (`medallion warehouse ddl`) or switch the dashboard back to Local DuckDB.',
        );
      throw error;
    }
  }
}

import type { Dashboard } from '../../shared/dashboards/definition';

/**
 * Databricks SQL twins of built-in dashboard datasets whose DuckDB SQL uses a function
 * Databricks SQL lacks (quantile_cont, arg_max). Files are `<dashboard-id>/<dataset>.sql`;
 * a dataset without one is portable and runs unchanged on a warehouse. Only built-in dashboards
 * have twins (an imported dashboard with the same id is someone else's SQL).
 */
const files = import.meta.glob<string>('./databricks-datasets/*/*.sql', { query: '?raw', import: 'default', eager: true });

const key = (dashboardId: string, dataset: string) => `${dashboardId}/${dataset}`;

const TWINS: ReadonlyMap<string, string> = new Map(
  Object.entries(files).map(([path, sql]) => {
    const [, dashboardId = '', dataset = ''] = /([^/]+)\/([^/]+)\.sql$/u.exec(path) ?? [];
    // The leading comment says why the twin exists; the statement itself starts after it.
    return [key(dashboardId, dataset), sql.replace(/^(--[^\n]*\n)+/u, '').trim()];
  }),
);

/** Every twin, as `dashboard-id/dataset` → Databricks SQL (tests, docs). */
export function datasetTwins(): ReadonlyMap<string, string> {
  return TWINS;
}

/** The Databricks SQL twin of one dataset, when it has one. */
export function databricksTwin(dashboardId: string, datasetName: string): string | undefined {
  return TWINS.get(key(dashboardId, datasetName));
}

/** The twins of one dashboard's datasets, by dataset name (sent with the definition for the SQL view). */
export function twinsOf(dashboard: Dashboard): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of dashboard.datasets) {
    const twin = databricksTwin(dashboard.id, d.name);
    if (twin) out[d.name] = twin;
  }
  return out;
}

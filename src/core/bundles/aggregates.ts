import type { Dashboard, Dataset } from '../../shared/dashboards/definition';
import { datasetSql } from '../../shared/dashboards/definition';
import { filterParams, inlineParams, pickParams, type Filters } from '../../shared/dashboards/filters';
import { parameterValues } from '../../shared/dashboards/parameters';

/** One dataset's result under the packaged filters, stored as a bundle table of that name. */
export interface AggregateTable {
  table: string;
  /** The dataset's SQL with the packaged filter values written in as literals. */
  select: string;
}

/**
 * An aggregates-only bundle carries each dataset's result under the packaged filters, not the rows
 * behind it. The returned dashboard reads those results (`SELECT * FROM dataset_N`); filters,
 * cross-filters, parameters and drill-downs are dropped, because there are no rows left to re-filter.
 */
export function aggregatesOnly(dashboard: Dashboard, filters: Filters): { dashboard: Dashboard; tables: AggregateTable[] } {
  const own = parameterValues(dashboard.parameters ?? [], filters.parameters, filters.dateTo);
  const all = { ...filterParams(filters), ...own };
  const tables: AggregateTable[] = [];
  const datasets: Dataset[] = dashboard.datasets.map((d, i) => {
    const table = `dataset_${i + 1}`;
    const sql = datasetSql(d);
    tables.push({ table, select: inlineParams(sql, pickParams(sql, all)) });
    return { name: d.name, ...(d.title ? { title: d.title } : {}), sql: [`SELECT * FROM ${table}`] };
  });
  const widgets = dashboard.widgets.map((w) => {
    if (w.type === 'unsupported') return w;
    const { drill: _drill, crossFilter: _cross, ...rest } = w;
    return rest as typeof w;
  });
  const { parameters: _parameters, ...rest } = dashboard;
  return { dashboard: { ...rest, datasets, widgets }, tables };
}

import type { HandlerGroup } from '../api/handlers';
import type { Engine } from '../engine/engine';
import { addWidget } from './add-widget';
import { twinsOf } from './dataset-twins';
import type { ImportedDashboards } from './imported-store';
import { importLakeview } from './import-lakeview';
import { toLakeview } from './lakeview';
import type { DashboardService } from './service';

type DashboardMethods =
  | 'dashboards.list'
  | 'dashboards.get'
  | 'dashboards.filterOptions'
  | 'dashboards.run'
  | 'dashboards.drill'
  | 'dashboards.importLakeview'
  | 'dashboards.exportLakeview'
  | 'dashboards.addWidget';

/** dashboards.* methods: definitions, dataset runs under the global filters, drill, Lakeview interchange, charts saved from SQL. */
export function dashboardHandlers(service: DashboardService, imported: ImportedDashboards, engine: Engine): HandlerGroup<DashboardMethods> {
  return {
    'dashboards.list': () => service.list(),
    'dashboards.get': (input) => service.get(input.id),
    'dashboards.filterOptions': (input, ctx) => service.filterOptions(input.id, input.profileId, ctx.signal),
    'dashboards.run': (input, ctx) => service.runDataset(input.id, input.dataset, input.filters, ctx.signal, input.profileId),
    'dashboards.drill': (input, ctx) => service.drill(input, ctx.signal),
    'dashboards.importLakeview': (input) => importLakeview(imported, input),
    'dashboards.exportLakeview': (input) => {
      const t = service.open(input.id);
      const d = t.definition;
      // Built-in datasets that use DuckDB-only functions go out as their Databricks SQL twins.
      const twins = t.source === 'builtin' ? twinsOf(d) : {};
      return {
        fileName: `${d.id}.lvdash.json`,
        content: JSON.stringify(toLakeview(d, { twins, catalog: input.catalog, schema: input.schema }), null, 2),
      };
    },
    'dashboards.addWidget': (input) => addWidget(engine, imported, input),
  };
}

import type { HandlerGroup } from '../api/handlers';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { addWidget } from './add-widget';
import { twinsOf } from './dataset-twins';
import type { ImportedDashboards } from './imported-store';
import { fromLakeview, toLakeview } from './lakeview';
import { IMPORTED_PREFIX, type DashboardService } from './service';

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
    'dashboards.importLakeview': (input) => {
      let raw: unknown;
      try {
        raw = JSON.parse(input.content);
      } catch {
        throw new AppError('INVALID_FILE', `${input.fileName} is not valid JSON, so it cannot be a .lvdash.json file.`);
      }
      const { dashboard, unsupported } = fromLakeview(raw, input.fileName);
      imported.save(dashboard);
      return { id: IMPORTED_PREFIX + dashboard.id, title: dashboard.title, widgetCount: dashboard.widgets.length, unsupported };
    },
    'dashboards.exportLakeview': (input) => {
      const t = service.target(input.id);
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

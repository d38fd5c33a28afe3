import { DATABRICKS } from '../../shared/sql/dialect';
import { databricksTwin } from '../dashboards/dataset-twins';
import type { TargetDialect, TwinOf } from '../engine/sql-target';

/**
 * The hand-written Databricks SQL twins of the gold views. They are a second text, not a
 * translation: locally most views read gold_partials (the pipeline's incremental aggregates),
 * while every twin reads only silver (and agent_recommendations), which is all a warehouse schema
 * holds. `gold-ddl.test.ts` checks every view has one, with the columns of its DuckDB view.
 */
const viewTwins: ReadonlyMap<string, string> = new Map(
  Object.entries(import.meta.glob<string>('./databricks-views/*.sql', { query: '?raw', import: 'default', eager: true })).map(
    ([path, sql]) => [path.replace(/^.*\/(v_[a-z0-9_]+)\.sql$/u, '$1'), sql.trim()],
  ),
);

/** Databricks SQL, with the one lookup of the app's twin SQL: gold views, and built-in datasets that use DuckDB-only functions. */
export const WAREHOUSE_DIALECT: TargetDialect = {
  ...DATABRICKS,
  twin: (of: TwinOf) => ('goldView' in of ? viewTwins.get(of.goldView) : databricksTwin(of.dashboardId, of.dataset)),
};

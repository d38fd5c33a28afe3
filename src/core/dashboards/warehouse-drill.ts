import type { DrillResult } from '../../shared/api';
import type { Dashboard } from '../../shared/dashboards/definition';
import { inlineParams, type Filters } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import { dollarToColonParams } from '../../shared/sql/param-style';
import { DATABRICKS } from '../../shared/sql/dialect';
import { runQuery } from '../warehouse/run-statement';
import type { WarehouseService } from '../warehouse/service';
import { buildDrillQuery } from './drill';
import { warehouseParams } from './warehouse-datasets';

export interface WarehouseDrill {
  profileId: string;
  dashboard: Dashboard;
  widgetId: string;
  filters: Filters;
  value?: string | number | boolean | null;
  offset: number;
  limit: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Judges the drill statement before it is sent (an imported dashboard's `where` is someone else's SQL). */
  gate?: (sql: string) => Promise<void>;
}

/**
 * One page of the silver rows behind a widget, read from a warehouse profile's
 * payments_enriched_silver: the same condition as locally, with `:name` parameters, the page
 * cut by LIMIT/OFFSET on the ordered statement itself (a warehouse need not keep a subquery's order).
 */
export async function drillOnWarehouse(warehouse: WarehouseService, d: WarehouseDrill): Promise<DrillResult> {
  const profile = await warehouse.profiles.resolve(d.profileId);
  try {
    return await warehouse.withSession(d.profileId, async (session) => {
      const options = { timeoutMs: d.timeoutMs, signal: d.signal };
      const probe = await runQuery(session, 'SELECT * FROM payments_enriched_silver LIMIT 0', { ...options, maxRows: 1 });
      const available = probe.columns.map((c) => c.name);
      const q = buildDrillQuery(d.dashboard, d.widgetId, d.filters, d.value, available, 'databricks');
      await d.gate?.(q.sql);
      const sql = dollarToColonParams(q.sql);
      const params = warehouseParams(q.params);
      const page = await runQuery(session, `${sql}\nLIMIT ${d.limit} OFFSET ${d.offset}`, { ...options, params, maxRows: d.limit });
      const where = sql.slice(0, sql.lastIndexOf('\nORDER BY') >= 0 ? sql.lastIndexOf('\nORDER BY') : undefined);
      const count = await runQuery(session, `SELECT count(*) AS n FROM (${where}) AS count_source`, { ...options, params, maxRows: 1 });
      return {
        columns: page.columns,
        rows: page.rows,
        offset: d.offset,
        total: Number(count.rows[0]?.[0] ?? 0),
        description: q.description,
        sql: DATABRICKS.translate(inlineParams(q.sql, q.params)),
      };
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'SQL_ERROR') {
      throw new AppError(
        'SQL_ERROR',
        `The rows behind this widget could not be read on the warehouse "${profile.name}": ${error.message} ` +
          'Check that payments_enriched_silver exists there (`medallion warehouse ddl`) or switch the dashboard back to Local DuckDB.',
      );
    }
    throw error;
  }
}

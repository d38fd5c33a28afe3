import type { DBSQLParameter } from '@databricks/sql';
import type { SqlParams } from '../../shared/api';
import { warehouseDriver } from './lazy-driver';

/** The filter parameters that hold calendar days: bound as DATE so `event_date BETWEEN …` compares dates on Databricks. */
const DATE_PARAMS = new Set(['date_from', 'date_to', 'prev_from', 'prev_to']);

type ParamValue = SqlParams[string];

/** Binds `:name` values for the warehouse: the dashboards' date filters typed DATE, NULL untyped, the rest inferred by the driver. */
export function bindWarehouseParams(params: Record<string, ParamValue>): Record<string, ParamValue | DBSQLParameter> {
  const { DBSQLParameter, DBSQLParameterType } = warehouseDriver();
  const out: Record<string, ParamValue | DBSQLParameter> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = DATE_PARAMS.has(name) && typeof value === 'string' ? new DBSQLParameter({ type: DBSQLParameterType.DATE, value }) : value;
  }
  return out;
}

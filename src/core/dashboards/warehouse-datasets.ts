import type { DBSQLParameter } from '@databricks/sql';
import type { QueryResult } from '../../shared/api';
import type { FilterOptions } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import { dollarToColonParams } from '../../shared/sql/param-style';
import { warehouseDriver } from '../warehouse/lazy-driver';
import { runQuery } from '../warehouse/run-statement';
import type { WarehouseService } from '../warehouse/service';
import boundsSql from './warehouse_filter_bounds.sql?raw';

/** The filter parameters that hold calendar days: bound as DATE so `event_date BETWEEN …` compares dates on Databricks. */
const DATE_PARAMS = new Set(['date_from', 'date_to', 'prev_from', 'prev_to']);

type ParamValue = string | number | boolean | null;

/** Binds dashboard filter values for the warehouse: dates typed DATE, NULL untyped, the rest inferred by the driver. */
export function warehouseParams(params: Record<string, ParamValue>): Record<string, ParamValue | DBSQLParameter> {
  const { DBSQLParameter, DBSQLParameterType } = warehouseDriver();
  const out: Record<string, ParamValue | DBSQLParameter> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = DATE_PARAMS.has(name) && typeof value === 'string' ? new DBSQLParameter({ type: DBSQLParameterType.DATE, value }) : value;
  }
  return out;
}

export interface WarehouseDatasetRun {
  profileId: string;
  datasetName: string;
  /** The dataset's DuckDB-style SQL (`$name` parameters). */
  sql: string;
  params: Record<string, ParamValue>;
  maxRows: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Runs one dashboard dataset on a Databricks SQL warehouse: `$name` markers become `:name`
 * (values stay bound parameters), and a failure names the dataset and the profile so the
 * widget can say where its numbers did not come from.
 */
export async function runDatasetOnWarehouse(warehouse: WarehouseService, run: WarehouseDatasetRun): Promise<QueryResult> {
  let sql: string;
  try {
    sql = dollarToColonParams(run.sql);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Dataset "${run.datasetName}": ${(error as Error).message}.`);
  }
  const profile = await warehouse.profiles.resolve(run.profileId);
  try {
    return await warehouse.withSession(run.profileId, (session) =>
      runQuery(session, sql, { params: warehouseParams(run.params), maxRows: run.maxRows, timeoutMs: run.timeoutMs, signal: run.signal }),
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'SQL_ERROR') {
      throw new AppError(
        'SQL_ERROR',
        `Dataset "${run.datasetName}" failed on the warehouse "${profile.name}": ${error.message} ` +
          'Check that the gold tables exist there (`medallion warehouse ddl`) or switch the dashboard back to Local DuckDB.',
      );
    }
    throw error;
  }
}

const DIMENSIONS = { cardNetworks: 'card_network', merchantSegments: 'merchant_segment', countries: 'merchant_country' } as const;

/** The dates and dimension values of the warehouse's silver table, so date presets anchor at its newest event. */
export async function warehouseFilterOptions(warehouse: WarehouseService, profileId: string, signal?: AbortSignal): Promise<FilterOptions> {
  const profile = await warehouse.profiles.resolve(profileId);
  try {
    return await warehouse.withSession(profileId, async (session) => {
      const options = { maxRows: 10_000, timeoutMs: 60_000, signal };
      const bounds = await runQuery(session, boundsSql, options);
      const out: FilterOptions = {
        minDate: (bounds.rows[0]?.[0] as string | null) ?? null,
        maxDate: (bounds.rows[0]?.[1] as string | null) ?? null,
        newestEvent: (bounds.rows[0]?.[2] as string | null) ?? null,
        cardNetworks: [],
        merchantSegments: [],
        countries: [],
      };
      for (const [key, column] of Object.entries(DIMENSIONS) as [keyof typeof DIMENSIONS, string][]) {
        // The column name comes from the fixed list above, never from input.
        const r = await runQuery(session, `SELECT DISTINCT ${column} FROM payments_enriched_silver WHERE ${column} IS NOT NULL`, options);
        out[key] = r.rows.map((row) => String(row[0])).sort();
      }
      return out;
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'SQL_ERROR') {
      throw new AppError(
        'SQL_ERROR',
        `The warehouse "${profile.name}" has no readable payments_enriched_silver: ${error.message} ` +
          'Create the medallion tables there (`medallion warehouse ddl`) or switch the dashboard back to Local DuckDB.',
      );
    }
    throw error;
  }
}

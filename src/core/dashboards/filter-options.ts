import type { FilterOptions } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import type { SqlTarget } from '../engine/sql-target';
import boundsSql from './filter_bounds.sql?raw';

const SILVER = 'payments_enriched_silver';
const DIMENSIONS = { cardNetworks: 'card_network', merchantSegments: 'merchant_segment', countries: 'merchant_country' } as const;

/** Labels of an ENUM type as DuckDB prints it: ENUM('Visa', 'Mastercard', …). */
export function enumLabels(type: string): string[] | undefined {
  if (!type.startsWith('ENUM(')) return undefined;
  return [...type.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}

const NONE: FilterOptions = { minDate: null, maxDate: null, cardNetworks: [], merchantSegments: [], countries: [] };

/**
 * Dates and dimension values present in a target's silver table (local DuckDB or a warehouse
 * profile, the same portable SQL); empty when there is no silver table there. ENUM columns list
 * their labels from the type (no scan), so opening a dashboard on 10M local rows costs one
 * min/max over event_date.
 */
export async function readFilterOptions(target: SqlTarget, signal?: AbortSignal): Promise<FilterOptions> {
  const silver = (await target.relations()).find((r) => r.schema === 'main' && r.name === SILVER);
  if (!silver) return { ...NONE };
  const typeOf = new Map(silver.columns.map((c) => [c.name, c.type]));
  const options = { maxRows: 10_000, timeoutMs: 60_000, signal };
  try {
    const bounds = await target.query(boundsSql, options);
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
      const labels = enumLabels(typeOf.get(column) ?? '');
      const values = labels ?? (await target.query(`SELECT DISTINCT ${column} FROM ${SILVER} WHERE ${column} IS NOT NULL`, options)).rows;
      out[key] = values.map((v) => String(Array.isArray(v) ? v[0] : v)).sort();
    }
    return out;
  } catch (error) {
    if (error instanceof AppError && error.code === 'SQL_ERROR') {
      throw new AppError(
        'SQL_ERROR',
        `${capitalise(target.info.place)} has no readable ${SILVER}: ${error.message} ` +
          (target.info.kind === 'warehouse'
            ? 'Create the medallion tables there (`medallion warehouse ddl`) or switch the dashboard back to Local DuckDB.'
            : 'Replay events first (Pipeline page, or `medallion replay`).'),
      );
    }
    throw error;
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

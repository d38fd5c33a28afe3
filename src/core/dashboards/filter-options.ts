import type { FilterOptions } from '../../shared/dashboards/filters';
import type { Engine } from '../engine/engine';
import boundsSql from './filter_bounds.sql?raw';
import columnTypesSql from './filter_column_types.sql?raw';

const DIMENSIONS = { cardNetworks: 'card_network', merchantSegments: 'merchant_segment', countries: 'merchant_country' } as const;

/** Labels of an ENUM type as DuckDB prints it: ENUM('Visa', 'Mastercard', …). */
export function enumLabels(type: string): string[] | undefined {
  if (!type.startsWith('ENUM(')) return undefined;
  return [...type.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}

/**
 * Dates and dimension values present in silver; empty when there is no silver table yet. ENUM
 * columns list their labels from the type (no scan), so opening a dashboard on 10M rows costs
 * one min/max over event_date.
 */
export async function readFilterOptions(engine: Engine): Promise<FilterOptions> {
  if (!(await hasSilver(engine))) return { minDate: null, maxDate: null, cardNetworks: [], merchantSegments: [], countries: [] };
  const types = await engine.query(columnTypesSql);
  const typeOf = new Map(types.rows.map((r) => [String(r[0]), String(r[1])]));
  const bounds = await engine.query(boundsSql, { timeoutMs: 30_000 });
  const out: FilterOptions = {
    minDate: (bounds.rows[0]?.[0] as string | null) ?? null,
    maxDate: (bounds.rows[0]?.[1] as string | null) ?? null,
    newestEvent: (bounds.rows[0]?.[2] as string | null) ?? null,
    cardNetworks: [],
    merchantSegments: [],
    countries: [],
  };
  for (const [key, column] of Object.entries(DIMENSIONS) as [keyof typeof DIMENSIONS, string][]) {
    const labels = enumLabels(typeOf.get(column) ?? '');
    if (labels) out[key] = [...labels].sort();
    else {
      // The column name comes from the fixed list above, never from input.
      const r = await engine.query(`SELECT DISTINCT ${column} FROM payments_enriched_silver WHERE ${column} IS NOT NULL ORDER BY 1`, {
        timeoutMs: 30_000,
      });
      out[key] = r.rows.map((row) => String(row[0]));
    }
  }
  return out;
}

export async function hasSilver(engine: Engine): Promise<boolean> {
  const r = await engine.query(
    "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'payments_enriched_silver' AND schema_name = 'main'",
  );
  const views = await engine.query(
    "SELECT count(*) FROM duckdb_views() WHERE view_name = 'payments_enriched_silver' AND schema_name = 'main'",
  );
  return Number(r.rows[0]?.[0]) + Number(views.rows[0]?.[0]) > 0;
}

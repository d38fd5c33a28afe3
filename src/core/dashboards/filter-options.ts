import type { FilterOptions } from '../../shared/dashboards/filters';
import type { Engine } from '../engine/engine';
import sql from './filter_options.sql?raw';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Dates and dimension values present in silver; empty when there is no silver table yet. */
export async function readFilterOptions(engine: Engine): Promise<FilterOptions> {
  if (!(await hasSilver(engine))) return { minDate: null, maxDate: null, cardNetworks: [], merchantSegments: [], countries: [] };
  const r = await engine.query(sql, { timeoutMs: 30_000 });
  const row = r.rows[0] ?? [];
  return {
    minDate: (row[0] as string | null) ?? null,
    maxDate: (row[1] as string | null) ?? null,
    cardNetworks: strings(row[2]),
    merchantSegments: strings(row[3]),
    countries: strings(row[4]),
  };
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

import { WAREHOUSE_DIALECT } from './warehouse-dialect';

/**
 * The DuckDB gold views (the pipeline's), each as Databricks SQL through the warehouse dialect:
 * its twin (`WAREHOUSE_DIALECT.twin({ goldView })`, which reads only silver and
 * agent_recommendations, so the DDL creates on a schema that holds just those tables), else the
 * DuckDB text translated.
 */
const duckViews = import.meta.glob<string>('../pipeline/views/*.sql', { query: '?raw', import: 'default', eager: true });

const viewName = (path: string) => path.replace(/^.*\/(v_[a-z0-9_]+)\.sql$/u, '$1');

/** Constructs DuckDB accepts and Databricks SQL does not; a view using one needs a twin. */
export const DUCKDB_ONLY = [
  /\bformat\s*\(/i,
  /\b(approx_)?quantile(_cont|_disc)?\s*\(/i,
  /\barg_(max|min)\s*\(/i,
  /\bstrftime\s*\(/i,
  /\blist_\w+\s*\(/i,
  /\bepoch_ms\s*\(/i,
  /\bstring_agg\s*\(/i,
] as const;

export interface GoldView {
  name: string;
  /** 'twin' when a hand-written Databricks SQL file exists (18 of 19 today), else 'translated' (v_agent_recommendations). */
  origin: 'twin' | 'translated';
  sql: string;
}

/** Every gold view as Databricks SQL, by name. */
export function databricksGoldViews(): GoldView[] {
  return Object.entries(duckViews)
    .map(([path, sql]): GoldView => {
      const name = viewName(path);
      const twin = WAREHOUSE_DIALECT.twin({ goldView: name });
      return twin ? { name, origin: 'twin', sql: twin } : { name, origin: 'translated', sql: WAREHOUSE_DIALECT.translate(sql).trim() };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The only relations the Databricks gold views may read: the script creates everything else it needs. */
export const GOLD_SOURCES = ['payments_enriched_silver', 'agent_recommendations'] as const;

/**
 * The DDL a team runs in Databricks SQL to create the gold views in Unity Catalog: it selects
 * the catalog and schema, then creates each view over the silver table, which must already
 * exist there under the same name (payments_enriched_silver).
 */
export function goldViewsDdl(target: { catalog?: string; schema?: string } = {}): { sql: string; views: string[] } {
  const views = databricksGoldViews();
  const head = [
    '-- Medallion Workbench gold views for Databricks SQL (Unity Catalog).',
    '-- Each view reads only payments_enriched_silver (v_agent_recommendations: agent_recommendations) in the same schema.',
    ...(target.catalog ? [`USE CATALOG ${WAREHOUSE_DIALECT.quoteIdent(target.catalog)};`] : []),
    ...(target.schema ? [`USE SCHEMA ${WAREHOUSE_DIALECT.quoteIdent(target.schema)};`] : []),
  ];
  const body = views.map(
    (v) => `-- ${v.name} (${v.origin === 'twin' ? 'Databricks SQL twin' : 'same SQL as DuckDB'})\n${v.sql.replace(/;\s*$/, '')};`,
  );
  return { sql: `${head.join('\n')}\n\n${body.join('\n\n')}\n`, views: views.map((v) => v.name) };
}

import type { Dashboard } from '../../shared/dashboards/definition';
import { toLakeview } from '../dashboards/lakeview-export';
import { databricksGoldViews } from '../warehouse/gold-ddl';
import { toYaml } from './yaml';

const sqlFiles = import.meta.glob<string>('./sql/*.sql', { query: '?raw', import: 'default', eager: true });
const templates = import.meta.glob<string>('./templates/*.md', { query: '?raw', import: 'default', eager: true });
const sql = (name: string) => sqlFiles[`./sql/${name}.sql`]!;

/** Where the bundle takes its data from and puts its tables. */
export interface BundleTarget {
  catalog: string;
  schema: string;
}

/** What the exporting database held, for the bundle's README. */
export interface BundleProvenance {
  silverRows: number;
  newestEvent: string | null;
}

export const BUNDLE_NAME = 'medallion_workbench';
export const PIPELINE_KEY = 'medallion_pipeline';
const TRANSFORMATIONS = 'src/pipeline/transformations';

/** A gold view as a Lakeflow materialized view: the same SELECT, refreshed by the pipeline. */
export function goldMaterializedView(sql: string): string {
  const out = sql.replace(/\bCREATE OR REPLACE VIEW\b/u, 'CREATE OR REFRESH MATERIALIZED VIEW');
  if (out === sql) throw new Error('A gold view must start with CREATE OR REPLACE VIEW');
  return out;
}

function databricksYml(target: BundleTarget): string {
  const volume = `/Volumes/${target.catalog}/${target.schema}/landing/events/`;
  return toYaml(
    {
      bundle: { name: BUNDLE_NAME },
      include: ['resources/*.yml'],
      variables: {
        catalog: { description: 'Unity Catalog catalog of the pipeline tables and gold views', default: target.catalog },
        schema: { description: 'Schema of the pipeline tables and gold views', default: target.schema },
        warehouse_id: { description: 'Id of the SQL warehouse the dashboards run on' },
        source_volume_path: { description: 'Volume folder where event files (Parquet) land', default: volume },
      },
      targets: {
        dev: { mode: 'development', default: true },
        prod: { mode: 'production' },
      },
    },
    'Databricks Asset Bundle exported by Medallion Workbench (`medallion export databricks`).\nDeploy: databricks bundle deploy -t dev --var warehouse_id=<id>',
  );
}

function pipelineYml(): string {
  return toYaml({
    resources: {
      pipelines: {
        [PIPELINE_KEY]: {
          name: 'medallion_payments',
          catalog: '${var.catalog}',
          schema: '${var.schema}',
          serverless: true,
          root_path: '../src/pipeline',
          libraries: [{ glob: { include: `../${TRANSFORMATIONS}/**` } }],
          configuration: { source_volume_path: '${var.source_volume_path}' },
        },
      },
    },
  });
}

function dashboardsYml(dashboards: readonly Dashboard[]): string {
  const entries = dashboards.map((d) => [
    `medallion_${d.id.replace(/[^A-Za-z0-9_]/gu, '_')}`,
    {
      display_name: d.title,
      file_path: `../src/dashboards/${d.id}.lvdash.json`,
      warehouse_id: '${var.warehouse_id}',
      dataset_catalog: '${var.catalog}',
      dataset_schema: '${var.schema}',
    },
  ]);
  return toYaml({ resources: { dashboards: Object.fromEntries(entries) } });
}

/** Every file of the bundle, by path relative to its folder. Pure: the same inputs give the same files. */
export function bundleFiles(target: BundleTarget, dashboards: readonly Dashboard[], provenance: BundleProvenance): Map<string, string> {
  const files = new Map<string, string>();
  files.set('databricks.yml', databricksYml(target));
  files.set(`resources/${PIPELINE_KEY}.pipeline.yml`, pipelineYml());
  files.set('resources/medallion_dashboards.yml', dashboardsYml(dashboards));
  files.set(`${TRANSFORMATIONS}/bronze/payments_raw_bronze.sql`, sql('bronze'));
  files.set(`${TRANSFORMATIONS}/silver/payments_enriched_silver.sql`, sql('silver'));
  files.set(`${TRANSFORMATIONS}/silver/payments_quarantine.sql`, sql('quarantine'));
  for (const view of databricksGoldViews()) files.set(`${TRANSFORMATIONS}/gold/${view.name}.sql`, `${goldMaterializedView(view.sql)}\n`);
  files.set('src/setup/agent_recommendations.sql', sql('agent_recommendations'));
  for (const d of dashboards) files.set(`src/dashboards/${d.id}.lvdash.json`, `${JSON.stringify(toLakeview(d), null, 2)}\n`);
  const filled = templates['./templates/README.md']!.replaceAll('{{catalog}}', target.catalog)
    .replaceAll('{{schema}}', target.schema)
    .replaceAll('{{dashboards}}', dashboards.map((d) => `- ${d.title}`).join('\n'))
    .replaceAll('{{silver_rows}}', provenance.silverRows.toLocaleString('en-US'))
    .replaceAll('{{newest_event}}', provenance.newestEvent ?? 'none');
  files.set('README.md', filled);
  return files;
}

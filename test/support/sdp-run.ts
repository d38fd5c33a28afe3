// Runs an exported bundle's Lakeflow pipeline with open-source Spark Declarative Pipelines
// (`spark-pipelines run`, PySpark 4.1, local mode, Spark Connect bound to 127.0.0.1). Open-source
// SDP lacks a few Databricks-only constructs; SUBSTITUTIONS lists each line changed, nothing else is.
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { requirePython, sparkEnv } from './python-env';

export interface Substitution {
  file: string;
  from: string | RegExp;
  to: string;
  why: string;
}

/** The documented substitutions, given the folder where event files land. */
export function substitutions(landing: string): Substitution[] {
  return [
    { file: '*', from: /CREATE OR REFRESH MATERIALIZED VIEW/gu, to: 'CREATE MATERIALIZED VIEW', why: 'OSS SDP grammar has no OR REFRESH' },
    {
      file: 'bronze/payments_raw_bronze.sql',
      from: 'CREATE OR REFRESH STREAMING TABLE payments_raw_bronze',
      to: 'CREATE MATERIALIZED VIEW payments_raw_bronze',
      why: 'no Auto Loader in OSS Spark: a file path relation is batch only',
    },
    {
      file: 'bronze/payments_raw_bronze.sql',
      from: "FROM STREAM read_files('${source_volume_path}', format => 'parquet')",
      to: `FROM parquet.\`${landing}\``,
      why: 'read_files is Databricks-only; pipeline configuration keys reach OSS Spark only as spark.* confs',
    },
    {
      file: 'silver/payments_enriched_silver.sql',
      from: /\(\n {2}CONSTRAINT valid_transaction_id[\s\S]*?\n\)\n/u,
      to: '',
      why: 'OSS SDP has no expectations: the three CONSTRAINT … EXPECT lines are removed',
    },
    {
      file: 'silver/payments_enriched_silver.sql',
      from: /\nFROM scored\n?$/u,
      to: '\nFROM scored\nWHERE transaction_id IS NOT NULL AND amount > 0\n',
      why: 'the two ON VIOLATION DROP ROW conditions, applied as a filter',
    },
  ];
}

/**
 * Copies the bundle's pipeline sources to `work`, applies the substitutions (each must match), adds
 * `extra` sources (tables Databricks would already hold) and runs the pipeline once.
 */
export async function runExportedPipeline(
  bundle: string,
  work: string,
  subs: Substitution[],
  extra: Record<string, string> = {},
): Promise<{ warehouse: string; log: string }> {
  const sources = join(work, 'transformations');
  cpSync(join(bundle, 'src/pipeline/transformations'), sources, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(sources, name), sql);
  const files = readdirSync(sources, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(sources.length + 1));
  for (const s of subs) {
    for (const f of s.file === '*' ? files : [s.file]) {
      const before = readFileSync(join(sources, f), 'utf8');
      const after = before.replace(s.from, s.to);
      if (after === before && s.file !== '*') throw new Error(`substitution did not match in ${f}: ${String(s.from)}`);
      writeFileSync(join(sources, f), after);
    }
  }
  const warehouse = join(work, 'spark-warehouse');
  writeFileSync(
    join(work, 'spark-pipeline.yml'),
    [
      'name: medallion_payments',
      `storage: file://${join(work, 'storage')}`,
      'configuration:',
      '  spark.sql.session.timeZone: UTC',
      '  spark.sql.shuffle.partitions: "1"',
      'libraries:',
      '  - glob:',
      '      include: transformations/**',
      '',
    ].join('\n'),
  );
  const bin = join(dirname(requirePython()), 'spark-pipelines');
  const confs = [
    'spark.connect.grpc.binding.address=127.0.0.1',
    `spark.sql.warehouse.dir=${warehouse}`,
    'spark.ui.enabled=false',
    'spark.ui.showConsoleProgress=false',
  ];
  const { stdout, stderr } = await promisify(execFile)(
    bin,
    ['run', '--spec', join(work, 'spark-pipeline.yml'), ...confs.flatMap((c) => ['--conf', c])],
    {
      cwd: work,
      env: { ...sparkEnv(), PATH: `${dirname(requirePython())}:${process.env.PATH ?? ''}` },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 900_000,
    },
  );
  return { warehouse, log: stdout + stderr };
}

// Runs an exported bundle's Lakeflow pipeline with open-source Spark Declarative Pipelines
// (`spark-pipelines run`, PySpark 4.1, local mode, Spark Connect bound to 127.0.0.1 on a free port).
// Open-source SDP lacks a few Databricks-only constructs; substitutions() lists each line changed,
// nothing else is. Bronze stays a streaming table: repeated runs over the same `work` folder keep
// their checkpoints, so a file that landed since the last run is read once, and only it.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { repoRoot, requirePython, sparkEnv } from './python-env';

export interface Substitution {
  file: string;
  from: string | RegExp;
  to: string;
  why: string;
}

/** The Python source that stands in for Auto Loader: Spark's file stream source over the landing folder. */
export const LANDED_EVENTS_VIEW = 'landed_events';

function landedEventsSource(landing: string): string {
  return [
    '# Stand-in for read_files (Auto Loader): the open-source file stream source over the same folder.',
    '# It remembers, in the pipeline checkpoint, which files it has read: each landed file is read once.',
    'from pyspark import pipelines as dp',
    'from pyspark.sql import SparkSession',
    '',
    '',
    '@dp.temporary_view',
    `def ${LANDED_EVENTS_VIEW}():`,
    `    return SparkSession.active().readStream.format("parquet").load(${JSON.stringify(landing)})`,
    '',
  ].join('\n');
}

/** The documented substitutions, given the folder where event files land. */
export function substitutions(landing: string): Substitution[] {
  return [
    { file: '*', from: /CREATE OR REFRESH MATERIALIZED VIEW/gu, to: 'CREATE MATERIALIZED VIEW', why: 'OSS SDP grammar has no OR REFRESH' },
    {
      file: 'bronze/payments_raw_bronze.sql',
      from: 'CREATE OR REFRESH STREAMING TABLE payments_raw_bronze',
      to: 'CREATE STREAMING TABLE payments_raw_bronze',
      why: 'OSS SDP grammar has no OR REFRESH',
    },
    {
      file: 'bronze/payments_raw_bronze.sql',
      from: "FROM STREAM read_files('${source_volume_path}', format => 'parquet')",
      to: `FROM STREAM ${LANDED_EVENTS_VIEW}`,
      why: `read_files (Auto Loader) is Databricks-only: ${LANDED_EVENTS_VIEW}.py streams the same folder (${landing}) with Spark's file source`,
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

/** The sources the substitutions need beside the bundle's own (tables Databricks would already hold come from the caller). */
export function standInSources(landing: string): Record<string, string> {
  return { [`${LANDED_EVENTS_VIEW}.py`]: landedEventsSource(landing) };
}

export interface SdpRunOptions {
  /** Sources added beside the bundle's: stand-ins and tables Databricks would already hold. */
  extra?: Record<string, string>;
  /** Only these datasets (spark-pipelines --refresh); all by default. */
  refresh?: string[];
  /** The run is stopped (and fails) after this long; 30 minutes by default. */
  timeoutMs?: number;
  /** spark.sql.shuffle.partitions (default 4: one laptop). */
  shufflePartitions?: number;
  /** Called with the pid of the Spark process (the JVM; the Python driver is its child) once it starts. */
  onStart?: (pid: number) => void;
}

/** A port nobody listens on at 127.0.0.1 right now, for this run's Spark Connect server. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Copies the bundle's pipeline sources to `work/transformations` and applies the substitutions (each must match). */
function prepareSources(bundle: string, work: string, subs: Substitution[], extra: Record<string, string>): void {
  const sources = join(work, 'transformations');
  cpSync(join(bundle, 'src/pipeline/transformations'), sources, { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(sources, name), text);
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
  writeFileSync(
    join(work, 'spark-pipeline.yml'),
    [
      'name: medallion_payments',
      `storage: file://${join(work, 'storage')}`,
      'configuration:',
      '  spark.sql.session.timeZone: UTC',
      '  spark.sql.shuffle.partitions: "1"',
      // Auto Loader infers the schema of the files it finds; the file stream source does so with this on.
      '  spark.sql.streaming.schemaInference: "true"',
      'libraries:',
      '  - glob:',
      '      include: transformations/**',
      '',
    ].join('\n'),
  );
}

/**
 * Copies the bundle's pipeline sources to `work`, applies the substitutions, adds the stand-in and
 * `extra` sources and runs the pipeline once. Run it again on the same `work` for the next batch.
 */
export async function runExportedPipeline(
  bundle: string,
  work: string,
  subs: Substitution[],
  options: SdpRunOptions = {},
): Promise<{ warehouse: string; log: string }> {
  prepareSources(bundle, work, subs, options.extra ?? {});
  const warehouse = join(work, 'spark-warehouse');
  const python = requirePython();
  const lib = join(dirname(python), '..', 'lib');
  const sparkHome = readdirSync(lib)
    .map((v) => join(lib, v, 'site-packages', 'pyspark'))
    .find((p) => existsSync(join(p, 'bin', 'spark-class')));
  if (!sparkHome) throw new Error(`No pyspark under ${lib}: run \`node scripts/python-env.mjs\`.`);
  const port = await freePort();
  const confs = [
    'spark.connect.grpc.binding.address=127.0.0.1',
    `spark.connect.grpc.binding.port=${port}`,
    `spark.sql.warehouse.dir=${warehouse}`,
    // A catalog that outlives the run (embedded Derby in work/metastore_db, no server): the second
    // run finds the streaming table and appends to it, instead of refusing its existing folder.
    'spark.sql.catalogImplementation=hive',
    'spark.ui.enabled=false',
    'spark.ui.showConsoleProgress=false',
    // Shuffles sized for one machine (Spark's default of 200 partitions is for a cluster).
    `spark.sql.shuffle.partitions=${options.shufflePartitions ?? 4}`,
  ];
  const refresh = options.refresh ? ['--refresh', options.refresh.join(',')] : [];
  // As bin/spark-pipelines does, with sdp_run.py (the stock CLI on our port) in place of cli.py.
  const args = [
    'org.apache.spark.deploy.SparkPipelines',
    join(repoRoot, 'test', 'support', 'spark', 'sdp_run.py'),
    'run',
    '--spec',
    join(work, 'spark-pipeline.yml'),
    ...refresh,
    // Every core of this machine (spark-pipelines alone starts a one-thread `local` server).
    '--remote',
    'local[*]',
    ...confs.flatMap((c) => ['--conf', c]),
  ];
  const child = spawn(join(sparkHome, 'bin', 'spark-class'), args, {
    cwd: work,
    env: { ...sparkEnv(), SPARK_HOME: sparkHome, SDP_CONNECT_PORT: String(port), PATH: `${dirname(python)}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) options.onStart?.(child.pid);
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 1_800_000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  if (code !== 0)
    throw new Error(
      `spark-pipelines run exited ${code}:\n${log
        .split('\n')
        .filter((l) => !/^\s+at /u.test(l))
        .slice(-40)
        .join('\n')}`,
    );
  return { warehouse, log };
}

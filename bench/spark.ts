import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { exportDatabricksBundle } from '../src/core/databricks-bundle/export-bundle';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import { GOLD_VIEWS } from '../src/core/pipeline/schema';
import { diffRows } from '../test/support/compare-relations';
import { runExportedPipeline, standInSources, substitutions } from '../test/support/sdp-run';
import { watchPeakRss } from './proc-tree';
import { dataFile, machine, round } from './support';

const EVENT_COLUMNS = `transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token,
  fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason, response_code, is_retry,
  retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud`;

const seconds = (from: number) => round((performance.now() - from) / 1000);

/**
 * The same events through the exported Databricks bundle on local Spark and through the local DuckDB
 * pipeline, side by side. A seeded replay (faults and duplicate deliveries included) is landed as
 * Parquet files in one folder; then
 * - DuckDB: `medallion replay --file <folder>` (its own process), then every gold view computed once
 *   (CREATE TABLE AS SELECT * — the views are computed when read, so this is their cost);
 * - Spark: the exported pipeline under `spark-pipelines run` (local mode as the CLI starts it,
 *   --remote local[*], 4 shuffle partitions; 127.0.0.1; the substitutions of test/support/sdp-run.ts), bronze → silver →
 *   quarantine → 19 gold materialized views in one run, split into stages from the run's own log.
 * Peak memory is the whole process tree's resident set (JVM + Python driver; the node process for
 * DuckDB), sampled every 200 ms. Both gold layers are compared row by row at the end.
 *
 * Args: [events = 1000000] [--files 4].
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args.find((a) => /^\d+$/u.test(a)) ?? 1_000_000);
  const fileCount = args.includes('--files') ? Number(args[args.indexOf('--files') + 1]) : 4;
  const work = dataFile(`spark-${events}`);
  rmSync(work, { recursive: true, force: true });
  const landing = join(work, 'landing');
  mkdirSync(landing, { recursive: true });
  const load = { before: round(loadavg()[0] ?? 0) };

  // Landing: a seeded replay (the recording of bench/replay-file: seed 11, 30 days, default faults), its delivered events as files.
  let started = performance.now();
  const source = await Engine.open({ path: join(work, 'source.duckdb') });
  await replay(source, { events, days: 30, seed: 11, faultRate: 0.002 });
  const simulate = seconds(started);
  started = performance.now();
  for (let i = 0; i < fileCount; i++) {
    const slice = `SELECT ${EVENT_COLUMNS} FROM (SELECT *, ntile(${fileCount}) OVER (ORDER BY event_timestamp, transaction_id) AS _f
      FROM payments_raw_bronze) WHERE _f = ${i + 1}`;
    await source.run(`COPY (${slice}) TO '${join(landing, `events-${i + 1}.parquet`)}' (FORMAT parquet)`);
  }
  const delivered = Number((await source.query('SELECT count(*) FROM payments_raw_bronze')).rows[0]![0]);
  source.close();
  const landingSeconds = seconds(started);

  // DuckDB: the pipeline in its own process, then the gold views computed in this one.
  const db = join(work, 'local.duckdb');
  started = performance.now();
  const cli = await measured(process.execPath, [join(process.cwd(), 'bin', 'medallion.cjs'), 'replay', '--db', db, '--file', landing]);
  const duckPipeline = seconds(started);
  const summary = JSON.parse(cli.stdout) as { silver: number; quarantined: Record<string, number> };
  const engine = await Engine.open({ path: db });
  const self = watchPeakRss(process.pid);
  started = performance.now();
  for (const view of GOLD_VIEWS) await engine.run(`CREATE OR REPLACE TABLE bench_gold_${view} AS SELECT * FROM ${view}`);
  const duckGold = seconds(started);
  const goldMemory = self.stop();
  for (const view of GOLD_VIEWS) await engine.run(`DROP TABLE bench_gold_${view}`);

  // Spark: the exported bundle, as the test runs it.
  const bundle = join(work, 'bundle');
  await exportDatabricksBundle(engine, { out: bundle });
  await engine.run(`COPY agent_recommendations TO '${join(work, 'agent_recommendations.parquet')}' (FORMAT parquet)`);
  const agents = `CREATE MATERIALIZED VIEW agent_recommendations AS SELECT * FROM parquet.\`${join(work, 'agent_recommendations.parquet')}\`\n`;
  load.before = round(loadavg()[0] ?? 0);
  let watch: ReturnType<typeof watchPeakRss> | undefined;
  const sparkStarted = Date.now();
  started = performance.now();
  const { warehouse, log } = await runExportedPipeline(bundle, join(work, 'sdp'), substitutions(landing), {
    extra: { ...standInSources(landing), 'agent_recommendations.sql': agents },
    onStart: (pid) => (watch = watchPeakRss(pid)),
    timeoutMs: 4 * 3_600_000,
  });
  const sparkTotal = seconds(started);
  const sparkMemory = watch!.stop();
  writeFileSync(join(work, 'spark-run.log'), log);
  const stages = sparkStages(log, sparkStarted);

  const check = await compare(engine, warehouse, summary);
  engine.close();
  const perSecond = (s: number) => Math.round(delivered / s);
  return {
    benchmark: 'spark',
    events,
    delivered_rows: delivered,
    landed_files: fileCount,
    silver: summary.silver,
    quarantined: summary.quarantined,
    landing: { simulate_seconds: simulate, write_parquet_seconds: landingSeconds },
    duckdb: {
      how: 'medallion replay --file <landing folder> (own process), then each gold view as CREATE TABLE AS SELECT * in the bench process',
      pipeline_seconds: duckPipeline,
      gold_seconds: duckGold,
      total_seconds: round(duckPipeline + duckGold),
      events_per_second: perSecond(duckPipeline + duckGold),
      peak_rss_mb: Math.max(cli.memory.peak_rss_mb, goldMemory.peak_rss_mb),
      pipeline_peak_rss_mb: cli.memory.peak_rss_mb,
      gold_peak_rss_mb: goldMemory.peak_rss_mb,
    },
    spark: {
      how: 'spark-pipelines run of the exported bundle, local mode on every core (--remote local[*]), 4 shuffle partitions, 127.0.0.1, one run: bronze (file stream) → silver → quarantine → gold',
      ...stages,
      total_seconds: sparkTotal,
      events_per_second: perSecond(sparkTotal),
      events_per_second_after_startup: stages.startup_seconds === null ? null : perSecond(sparkTotal - stages.startup_seconds),
      peak_rss_mb: sparkMemory.peak_rss_mb,
      processes: sparkMemory.max_processes,
    },
    ratios: {
      spark_over_duckdb_seconds: round(sparkTotal / (duckPipeline + duckGold)),
      spark_over_duckdb_peak_rss: round(sparkMemory.peak_rss_mb / Math.max(cli.memory.peak_rss_mb, goldMemory.peak_rss_mb)),
    },
    load_average_1m: { before_spark: load.before, after: round(loadavg()[0] ?? 0) },
    check,
    machine: machine(),
  };
}

/** A child process run to its end with its stdout, the tree's peak memory sampled as it runs. */
async function measured(command: string, argv: string[]): Promise<{ stdout: string; memory: { peak_rss_mb: number } }> {
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const watch = watchPeakRss(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const memory = watch.stop();
  if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
  return { stdout, memory };
}

/** Stage times from the `spark-pipelines run` log (its lines start with a local `YYYY-MM-DD HH:MM:SS:` stamp). */
export function sparkStages(
  log: string,
  startedAt: number,
): { startup_seconds: number | null; bronze_silver_quarantine_seconds: number | null; gold_seconds: number | null } {
  const stamp = (text: string) => new Date(text.replace(' ', 'T')).getTime();
  const line = (rest: string) => new RegExp(`^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d): ${rest}`, 'gmu');
  const runStart = [...log.matchAll(line('Starting run'))].map((m) => stamp(m[1]!))[0];
  const completed = [...log.matchAll(line('Flow \\S+\\.(\\w+) has COMPLETED'))].map((m) => ({ at: stamp(m[1]!), name: m[2]! }));
  const gold = new Set<string>(GOLD_VIEWS);
  const lastOf = (isGold: boolean) => Math.max(...completed.filter((c) => gold.has(c.name) === isGold).map((c) => c.at));
  const [ingestEnd, goldEnd] = [lastOf(false), lastOf(true)];
  const span = (a: number | undefined, b: number) =>
    a === undefined || !Number.isFinite(a) || !Number.isFinite(b) ? null : round((b - a) / 1000);
  return {
    startup_seconds: span(startedAt, runStart ?? NaN),
    bronze_silver_quarantine_seconds: span(runStart, ingestEnd),
    gold_seconds: span(ingestEnd, goldEnd),
  };
}

/** Silver rows, quarantine by reason and every gold row: DuckDB against the Spark tables (Parquet in its warehouse). */
async function compare(
  engine: Engine,
  warehouse: string,
  summary: { silver: number; quarantined: Record<string, number> },
): Promise<{ passed: boolean; gold_views_equal: number; failures: string[] }> {
  const spark = (table: string) => `read_parquet('${join(warehouse, table)}/*.parquet')`;
  const failures: string[] = [];
  const silver = Number((await engine.query(`SELECT count(*) FROM ${spark('payments_enriched_silver')}`)).rows[0]![0]);
  if (silver !== summary.silver) failures.push(`silver: ${summary.silver} rows locally, ${silver} on Spark`);
  const reasons = (from: string) =>
    engine
      .query(`SELECT reason, count(*) FROM ${from} GROUP BY reason ORDER BY reason`)
      .then((r) => JSON.stringify(r.rows.map((x) => [x[0], Number(x[1])])));
  const [localReasons, sparkReasons] = [await reasons('payments_quarantine'), await reasons(spark('payments_quarantine'))];
  if (localReasons !== sparkReasons) failures.push(`quarantine by reason: ${localReasons} locally, ${sparkReasons} on Spark`);
  let equal = 0;
  for (const view of GOLD_VIEWS) {
    const local = await engine.query(`SELECT * FROM ${view}`, { maxRows: 1_000_000 });
    const names = local.columns.map((c) => c.name).join(', ');
    const remote = await engine.query(`SELECT ${names} FROM ${spark(view)}`, { maxRows: 1_000_000 });
    const diff = diffRows(view, local.rows, remote.rows, (i) => tolerance(local.columns[i]!.name));
    if (diff.length === 0) equal++;
    failures.push(...diff.slice(0, 5));
  }
  return { passed: failures.length === 0, gold_views_equal: equal, failures };
}

/** The test's tolerances: rounded figures within a unit of their last digit. */
function tolerance(column: string): number {
  if (/fraud_score|composite_risk/u.test(column)) return 0.0001;
  if (/latency|seconds_since/u.test(column)) return 0.1;
  return 0.01;
}

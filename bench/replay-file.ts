import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import { peersPython } from './peers/venv';
import { dataFile, machine, round } from './support';

const EVENT_COLUMNS = `transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token,
  fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason, response_code, is_retry,
  retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud`;

interface Measured {
  /** The 1-minute load average when the contender started (the machine may be shared). */
  load_average_1m: number;
  exit_code: number;
  seconds: number;
  cpu_seconds: number;
  peak_rss_mb: number;
  stdout: string;
  stderr: string;
}

/**
 * `medallion replay --file` next to its peers, on the same recorded file in the same run: a pandas
 * and a polars script doing the same bronze → silver (expectations, dedup, derived columns) → gold,
 * and plain DuckDB writing the file twice (`CREATE TABLE AS read_csv`, bronze and silver) as the
 * floor. Every contender is its own process, timed whole (start-up included) with its peak RSS.
 *
 * Args: [events = 1000000] [--formats csv,parquet] [--check] [--baseline PATH]. The recorded files (simulated
 * once, exported from bronze with their duplicates and faults) are kept in bench/.data per event count.
 * --check exits non-zero when a ratio falls below bench/peers/ratio-floors.json (the regression check).
 * --baseline PATH also replays the file with another build of the CLI (PATH: its out/cli/index.js, e.g. a copy of
 * main's build), right after this build's run, so two builds are compared back to back under the same load.
 * Each contender's row carries the 1-minute load average when it started.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args.find((a) => /^\d+$/u.test(a)) ?? 1_000_000);
  const formatsArg = args[args.indexOf('--formats') + 1];
  const formats = (args.includes('--formats') && formatsArg ? formatsArg.split(',') : ['csv', 'parquet']) as ('csv' | 'parquet')[];
  const baselineArg = args.includes('--baseline') ? args[args.indexOf('--baseline') + 1] : undefined;
  const baseline = baselineArg ? resolve(baselineArg) : undefined;
  if (baseline && !existsSync(baseline)) throw new Error(`--baseline ${baselineArg}: no such file (a built out/cli/index.js)`);
  const python = peersPython();
  const files = await recordedFiles(events);
  const results: Record<string, unknown> = {};
  const ratios: Record<string, Record<string, number>> = {};
  for (const format of formats) {
    const file = files[format];
    const load = round(loadavg()[0] ?? 0);
    const target = dataFile(`replay-file-${format}.duckdb`);
    fresh(target);
    const medallion = measure(python, [
      process.execPath,
      join(process.cwd(), 'bin', 'medallion.cjs'),
      'replay',
      '--db',
      target,
      '--file',
      file,
    ]);
    let before: Measured | undefined;
    if (baseline) {
      fresh(target);
      before = measure(python, [process.execPath, baseline, 'replay', '--db', target, '--file', file]);
    }
    const pandas = measure(python, [python, join(process.cwd(), 'bench', 'peers', 'pandas_replay.py'), file]);
    const polars = measure(python, [python, join(process.cwd(), 'bench', 'peers', 'polars_replay.py'), file]);
    const duckdb = measure(python, [
      process.execPath,
      join(process.cwd(), 'bench', 'peers', 'duckdb_floor.mjs'),
      file,
      dataFile(`replay-file-floor-${format}.duckdb`),
    ]);
    const summary = JSON.parse(medallion.stdout) as {
      events_generated: number;
      silver: number;
      quarantined: Record<string, number>;
      elapsed_seconds: number;
    };
    const pandasOut = JSON.parse(pandas.stdout) as { silver: number };
    const polarsOut = JSON.parse(polars.stdout) as { silver: number };
    // The peers must have done the same work: the same silver rows out of the same records.
    if (pandasOut.silver !== summary.silver || polarsOut.silver !== summary.silver) {
      throw new Error(`silver differs: medallion ${summary.silver}, pandas ${pandasOut.silver}, polars ${polarsOut.silver}`);
    }
    const baselineSilver = before ? (JSON.parse(before.stdout) as { silver: number }).silver : summary.silver;
    if (baselineSilver !== summary.silver) throw new Error(`silver differs: medallion ${summary.silver}, baseline ${baselineSilver}`);
    const row = (m: Measured) => ({
      load_average_1m: m.load_average_1m,
      seconds: m.seconds,
      cpu_seconds: m.cpu_seconds,
      events_per_second: Math.round(summary.events_generated / m.seconds),
      peak_rss_mb: m.peak_rss_mb,
    });
    results[format] = {
      records: summary.events_generated,
      silver: summary.silver,
      quarantined: summary.quarantined,
      // What each contender leaves behind: the peers keep everything in memory and write nothing.
      medallion: {
        ...row(medallion),
        inside_seconds: round(summary.elapsed_seconds),
        persists: 'bronze, silver, quarantine, gold aggregates',
      },
      ...(before ? { baseline: { ...row(before), build: baseline } } : {}),
      pandas: { ...row(pandas), persists: 'nothing' },
      polars: { ...row(polars), persists: 'nothing' },
      duckdb_floor: { ...row(duckdb), persists: 'two copies of the file' },
      load_average_1m: load,
    };
    ratios[format] = {
      // Above 1: medallion is faster than the peer (whole process).
      vs_pandas: round(pandas.seconds / medallion.seconds),
      vs_polars: round(polars.seconds / medallion.seconds),
      // Above 1: medallion is slower than the floor (the target is within 2×).
      over_duckdb_floor: round(medallion.seconds / duckdb.seconds),
      // The same in CPU time (all threads): steadier than wall time when the machine is shared.
      cpu_vs_pandas: round(pandas.cpu_seconds / medallion.cpu_seconds),
      cpu_vs_polars: round(polars.cpu_seconds / medallion.cpu_seconds),
      cpu_over_duckdb_floor: round(medallion.cpu_seconds / duckdb.cpu_seconds),
      // Below 1: this build uses less CPU than the baseline build on the same file.
      ...(before ? { cpu_over_baseline: round(medallion.cpu_seconds / before.cpu_seconds) } : {}),
    };
  }
  const out: Record<string, unknown> = { benchmark: 'replay-file', events, ...results, ratios, machine: machine() };
  if (args.includes('--check')) out.check = checkRatios(ratios);
  return out;
}

/**
 * Compares the ratios with the recorded floors (`<ratio>_min` / `<ratio>_max` per format, e.g.
 * `vs_pandas_min`, `cpu_vs_polars_min`, `over_duckdb_floor_max`, and `cpu_over_baseline_max` when a
 * --baseline build ran); the bench runner exits 1 when `passed` is false.
 */
function checkRatios(ratios: Record<string, Record<string, number>>): { passed: boolean; failures: string[] } {
  const floors = JSON.parse(readFileSync(join(process.cwd(), 'bench', 'peers', 'ratio-floors.json'), 'utf8')) as Record<
    string,
    Record<string, number>
  >;
  const failures: string[] = [];
  for (const [format, r] of Object.entries(ratios)) {
    for (const [key, limit] of Object.entries(floors[format] ?? {})) {
      const name = key.replace(/_(min|max)$/u, '');
      const value = r[name];
      // Against another build only when one was given (--baseline).
      if (value === undefined && name === 'cpu_over_baseline') continue;
      if (value === undefined) failures.push(`${format}: no ratio ${name} to check against ${key}`);
      else if (key.endsWith('_min') && value < limit) failures.push(`${format}: ${name} ${value}, below ${limit}`);
      else if (key.endsWith('_max') && value > limit) failures.push(`${format}: ${name} ${value}, above ${limit}`);
    }
  }
  return { passed: failures.length === 0, failures };
}

/** Runs one contender under bench/peers/measure.py (whole-process wall time and peak RSS). */
function measure(python: string, argv: string[]): Measured {
  const load = round(loadavg()[0] ?? 0);
  const r = spawnSync(python, [join(process.cwd(), 'bench', 'peers', 'measure.py'), ...argv], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`measure ${argv.join(' ')} failed: ${r.stderr}`);
  const m = { ...(JSON.parse(r.stdout) as Omit<Measured, 'load_average_1m'>), load_average_1m: load };
  if (m.exit_code !== 0) throw new Error(`${argv.join(' ')} exited ${m.exit_code}: ${m.stderr}`);
  return m;
}

/** The recorded CSV and Parquet of `events` simulated events (with their faults), made once and kept. */
async function recordedFiles(events: number): Promise<{ csv: string; parquet: string }> {
  const csv = dataFile(`recorded-${events}.csv`);
  const parquet = dataFile(`recorded-${events}.parquet`);
  if (existsSync(csv) && existsSync(parquet)) return { csv, parquet };
  const source = dataFile('replay-file-source.duckdb');
  fresh(source);
  const engine = await Engine.open({ path: source });
  await replay(engine, { events, days: 30, seed: 11, faultRate: 0.002 });
  await engine.run(`COPY (SELECT ${EVENT_COLUMNS} FROM payments_raw_bronze) TO '${csv}' (HEADER)`);
  await engine.run(`COPY (SELECT ${EVENT_COLUMNS} FROM payments_raw_bronze) TO '${parquet}' (FORMAT parquet)`);
  engine.close();
  fresh(source);
  return { csv, parquet };
}

function fresh(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}

import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import { GOLD_VIEWS } from '../src/core/pipeline/schema';
import { dataFile, machine, round } from './support';

/**
 * Bulk backfill end to end: N simulated events (default 10M over 30 days) through bronze and
 * silver into a database file, then every gold view queried once to prove it answers. Then the
 * floor, in the same process: plain DuckDB copying the bronze and silver rows the run wrote into two
 * new tables (`CREATE TABLE AS`, its default compression). `cpu_over_write_floor` (the run's CPU time
 * over the floor's) moves far less with the machine's load than events/s; `--check` exits 1 when it
 * rises above bench/replay-floors.json (the regression check).
 *
 * Args: [events = 10000000] [--check].
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args.find((a) => /^\d+$/u.test(a)) ?? 10_000_000);
  const path = dataFile('replay-bench.duckdb');
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const engine = await Engine.open({ path });
  const batches: number[] = [];
  const cpuBefore = process.cpuUsage();
  let last = performance.now();
  const summary = await replay(
    engine,
    { events, days: 30, seed: 7 },
    {
      onProgress: () => {
        const now = performance.now();
        batches.push(round(now - last, 0));
        last = now;
      },
    },
  );
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const views: Record<string, number> = {};
  for (const view of GOLD_VIEWS) {
    const started = performance.now();
    await engine.query(`SELECT * FROM ${view}`, { maxRows: 100 });
    views[view] = round(performance.now() - started, 1);
  }
  const floorCpuSeconds = await writeFloor(engine);
  engine.close();
  const cpuOverFloor = round(cpuSeconds / floorCpuSeconds);
  return {
    benchmark: 'replay',
    events,
    events_per_second: summary.events_per_second,
    elapsed_seconds: summary.elapsed_seconds,
    peak_rss_mb: summary.peak_rss_mb,
    // The machine is shared: CPU time says what the work costs, whatever else is running.
    cpu_seconds: round(cpuSeconds),
    events_per_cpu_second: Math.round(events / cpuSeconds),
    load_average_1m: round(loadavg()[0] ?? 0),
    write_floor_cpu_seconds: round(floorCpuSeconds),
    // Above 1: the backfill (generating included) costs more CPU than DuckDB writing its two copies.
    cpu_over_write_floor: cpuOverFloor,
    check: args.includes('--check') ? checkFloor(cpuOverFloor) : undefined,
    bronze: summary.bronze,
    silver: summary.silver,
    quarantined: summary.quarantined,
    approval_rate_pct: summary.approval_rate_pct,
    batch_ms: batches,
    first_query_ms: views,
    machine: machine(),
  };
}

/** CPU seconds of plain DuckDB writing the run's bronze and silver rows again, into tables of its own. */
async function writeFloor(engine: Engine): Promise<number> {
  const conn = await engine.instance.connect();
  const before = process.cpuUsage();
  await conn.run('CREATE TABLE floor_bronze AS SELECT * FROM payments_raw_bronze');
  await conn.run('CREATE TABLE floor_silver AS SELECT * FROM payments_enriched_silver');
  const used = process.cpuUsage(before);
  await conn.run('DROP TABLE floor_bronze');
  await conn.run('DROP TABLE floor_silver');
  return (used.user + used.system) / 1e6;
}

function checkFloor(cpuOverFloor: number): { passed: boolean; failures: string[] } {
  const limits = JSON.parse(readFileSync(join(process.cwd(), 'bench', 'replay-floors.json'), 'utf8')) as Record<string, number>;
  const max = limits.cpu_over_write_floor_max ?? Infinity;
  const failures = cpuOverFloor > max ? [`cpu_over_write_floor ${cpuOverFloor}, above ${max}`] : [];
  return { passed: failures.length === 0, failures };
}

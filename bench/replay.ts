import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import { GOLD_VIEWS } from '../src/core/pipeline/schema';
import { dataFile, machine, round } from './support';

/**
 * Bulk backfill end to end: N simulated events (default 10M over 30 days) through bronze and
 * silver into a database file, then every gold view queried once to prove it answers.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 10_000_000);
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
  engine.close();
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
    bronze: summary.bronze,
    silver: summary.silver,
    quarantined: summary.quarantined,
    approval_rate_pct: summary.approval_rate_pct,
    batch_ms: batches,
    first_query_ms: views,
    machine: machine(),
  };
}

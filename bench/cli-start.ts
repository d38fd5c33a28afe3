import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFile, machine, percentile, round } from './support';

/**
 * CLI cold start on a warm disk: whole-process wall time of `medallion --version` and
 * `medallion query "SELECT 42"` and `medallion warehouse profiles` (through bin/medallion.cjs, as a user runs it), next to a bare
 * `node -e 0` so a busy machine shows as a slow floor. Args: runs (default 15), then optionally
 * another checkout's bin/medallion.cjs to time in the same run (e.g. main's build, as "before").
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const runs = Number(args[0] ?? 15);
  const bin = join(process.cwd(), 'bin', 'medallion.cjs');
  const db = dataFile('cli-start.duckdb');
  rmSync(db, { force: true });
  const commands: Record<string, string[]> = {
    node_floor: ['-e', '0'],
    version: [bin, '--version'],
    query_select_42: [bin, 'query', 'SELECT 42', '--db', db],
    // A warehouse-only command (no profile saved in the bench's own home): no DuckDB to load.
    warehouse_profiles: [bin, 'warehouse', 'profiles'],
  };
  if (args[1]) {
    commands.before_version = [args[1], '--version'];
    commands.before_query_select_42 = [args[1], 'query', 'SELECT 42', '--db', db];
    commands.before_warehouse_profiles = [args[1], 'warehouse', 'profiles'];
  }
  const load = round(loadavg()[0] ?? 0);
  const result: Record<string, unknown> = {};
  const ms: Record<string, number[]> = {};
  for (const argv of Object.values(commands)) spawnOnce(argv); // warm the disk cache (and build a stale CLI)
  // Interleaved, so a load spike on the shared machine hits every command alike.
  for (let i = 0; i < runs; i++) for (const [name, argv] of Object.entries(commands)) (ms[name] ??= []).push(spawnOnce(argv));
  for (const [name, times] of Object.entries(ms))
    result[name] = { p50_ms: percentile(times, 50), min_ms: round(Math.min(...times)), p90_ms: percentile(times, 90) };
  return {
    benchmark: 'cli-start',
    runs,
    ...result,
    load_average_1m_before: load,
    load_average_1m_after: round(loadavg()[0] ?? 0),
    machine: machine(),
  };
}

/** The user-data folder of every run: an empty one, so no saved profile or setting of the user's changes what is timed. */
const HOME = mkdtempSync(join(tmpdir(), 'medallion-cli-start-'));

function spawnOnce(argv: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, MEDALLION_HOME: HOME } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed: ${r.stderr}`);
  return ms;
}

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../src/core/core';
import { EngineHost } from '../src/core/host/engine-host';
import { forkLauncher } from '../src/core/host/fork-launcher';
import { dataFile, machine, percentile, round } from './support';

/**
 * What the engine's own process costs: opening core in a child (as `medallion serve` does) next to
 * in process, the round trip of `engine.query "SELECT 42"` through the host and in process, and the
 * time from the child's death to the next successful answer (a restart). Args: runs (default 5).
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const runs = Number(args[0] ?? 5);
  // bin/medallion.cjs builds out/cli (with the engine child) when it is stale.
  spawnSync(process.execPath, [join(process.cwd(), 'bin', 'medallion.cjs'), '--version']);
  const child = join(process.cwd(), 'out', 'cli', 'engine-child.js');
  const home = dataFile('engine-host-home');
  const db = dataFile('engine-host.duckdb');
  rmSync(db, { force: true });
  const open = { child: [] as number[], in_process: [] as number[] };
  const call = { child: [] as number[], in_process: [] as number[] };
  const restart: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const core = await createCore({ mode: 'cli', databasePath: db, userDataDir: home });
    open.in_process.push(performance.now() - t);
    for (let k = 0; k < 20; k++) {
      t = performance.now();
      await core.dispatcher.dispatch('engine.query', { sql: 'SELECT 42' });
      call.in_process.push(performance.now() - t);
    }
    await core.close();

    t = performance.now();
    const host = await EngineHost.start({ launch: forkLauncher(child), init: { mode: 'cli', databasePath: db, userDataDir: home } });
    open.child.push(performance.now() - t);
    for (let k = 0; k < 20; k++) {
      t = performance.now();
      await host.dispatcher.dispatch('engine.query', { sql: 'SELECT 42' });
      call.child.push(performance.now() - t);
    }
    t = performance.now();
    process.kill(host.pid!, 'SIGKILL');
    // The first answer may be the typed error of the call that met the dying child; then the restarted one answers.
    while (!(await host.dispatcher.dispatch('engine.query', { sql: 'SELECT 42' })).ok);
    restart.push(performance.now() - t);
    await host.close();
  }
  const stats = (v: number[]) => ({ p50_ms: percentile(v, 50), p90_ms: percentile(v, 90), min_ms: round(Math.min(...v)) });
  return {
    benchmark: 'engine-host',
    runs,
    open_core_in_process: stats(open.in_process),
    open_core_in_child: stats(open.child),
    select_42_in_process: stats(call.in_process),
    select_42_through_host: stats(call.child),
    kill_to_next_answer: stats(restart),
    machine: machine(),
  };
}

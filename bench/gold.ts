import { existsSync } from 'node:fs';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import { GOLD_VIEWS } from '../src/core/pipeline/schema';
import { dataFile, machine, percentile, round, time } from './support';

/**
 * Every gold view on the 10M-event database of bench/replay (built here if missing): the full
 * result of SELECT * per view, 5 timed runs after a warm-up; target < 250 ms each.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 10_000_000);
  const path = dataFile('replay-bench.duckdb');
  const engine = await Engine.open({ path });
  if (!existsSync(path) || (await silverRows(engine)) < events) await replay(engine, { events, days: 30, seed: 7 });
  const silver = await silverRows(engine);
  const views: Record<string, { p50_ms: number; max_ms: number; rows: number }> = {};
  for (const view of GOLD_VIEWS) {
    let rows = 0;
    const timings = await time(
      async () => {
        rows = (await engine.query(`SELECT * FROM ${view}`, { maxRows: 100_000 })).rowCount;
      },
      5,
      1,
    );
    views[view] = { p50_ms: percentile(timings, 50), max_ms: round(Math.max(...timings)), rows };
  }
  engine.close();
  const p50s = Object.values(views).map((v) => v.p50_ms);
  return {
    benchmark: 'gold',
    silver_rows: silver,
    views,
    slowest_view_p50_ms: Math.max(...p50s),
    views_under_250ms: p50s.filter((v) => v < 250).length,
    machine: machine(),
  };
}

async function silverRows(engine: Engine): Promise<number> {
  try {
    return Number((await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0] ?? 0);
  } catch {
    return 0;
  }
}

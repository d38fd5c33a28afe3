import { rmSync } from 'node:fs';
import { Engine } from '../src/core/engine/engine';
import { dataFile, machine, percentile, round, time } from './support';

/**
 * Engine query latency on a 10M-row table in a database file: SELECT count(*) and a
 * GROUP BY over three columns, through the same Engine.query the app uses.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const rows = Number(args[0] ?? 10_000_000);
  const path = dataFile('engine-bench.duckdb');
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const engine = await Engine.open({ path });
  const loadStarted = performance.now();
  await engine.run(`CREATE TABLE events AS
    SELECT range AS id,
      (hash(range) % 5)::UTINYINT AS network,
      (hash(range + 1) % 8)::UTINYINT AS segment,
      (hash(range + 2) % 10)::UTINYINT AS country,
      (hash(range + 3) % 100000) / 100.0 AS amount,
      hash(range + 4) % 10 < 9 AS approved
    FROM range(${rows})`);
  const loadMs = performance.now() - loadStarted;
  const count = await time(() => engine.query('SELECT count(*) FROM events'), 20, 2);
  const groupBy = await time(
    () =>
      engine.query('SELECT network, segment, country, count(*), avg(approved::INT), sum(amount) FROM events GROUP BY ALL', {
        maxRows: 1000,
      }),
    10,
    2,
  );
  engine.close();
  return {
    benchmark: 'engine',
    rows,
    load_ms: round(loadMs),
    count_star_ms: { p50: percentile(count, 50), p95: percentile(count, 95) },
    group_by_3_cols_ms: { p50: percentile(groupBy, 50), p95: percentile(groupBy, 95) },
    machine: machine(),
  };
}

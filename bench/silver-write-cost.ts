import type { DuckDBConnection } from '@duckdb/node-api';
import silverDdl from '../src/core/pipeline/schema/payments_enriched_silver.sql?raw';
import { round } from './support';

/** A backfill statement's stage, by the statement's first words (its leading SQL comment). */
const STAGES: [stage: string, prefix: string][] = [
  ['generate', 'CREATE OR REPLACE TEMP TABLE pipeline_stage'],
  ['generate', "-- The batch's slot numbers"],
  ['generate', 'INSERT INTO pipeline_stage'],
  ['bronze', '-- Bronze keeps'],
  ['silver', '-- Silver:'],
  ['gold', '-- Folds silver'],
];

/** CPU-µs per event by stage of a simulated backfill (`rest`: stats, quarantine, retries, commits, summary). */
export function cpuPerEventByStage(steps: { sql: string; cpu_ms: number }[], events: number): Record<string, number> {
  const out: Record<string, number> = { generate: 0, bronze: 0, silver: 0, gold: 0, rest: 0 };
  for (const step of steps) {
    const stage = STAGES.find(([, prefix]) => step.sql.startsWith(prefix))?.[0] ?? 'rest';
    out[stage] = (out[stage] ?? 0) + step.cpu_ms;
  }
  const total = Object.values(out).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries({ ...out, total }).map(([k, ms]) => [k, round((ms * 1000) / events, 3)]));
}

/** Silver's declared columns grouped by type and declared compression, e.g. `VARCHAR uncompressed` → [transaction_id, …]. */
function columnFamilies(): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const line of silverDdl.split('\n')) {
    const m = /^\s+(\w+) (\w+(?:\(\d+, \d+\))?)(?: NOT NULL)?(?: USING COMPRESSION (\w+))?,?$/u.exec(line);
    if (!m) continue;
    const [, column, type, compression] = m;
    const family = `${/_t$/u.test(type!) ? 'ENUM' : type} ${compression ?? 'auto'}`;
    families.set(family, [...(families.get(family) ?? []), column!]);
  }
  return families;
}

/**
 * What writing silver's rows costs per family of columns: the rows already in silver copied into a
 * fresh table holding only that family (declared as in silver), each family `repeat` times,
 * interleaved; the lowest process CPU time of each (ms per million rows), next to all columns at once.
 */
export async function silverWriteCost(conn: DuckDBConnection, repeat = 3): Promise<Record<string, unknown>> {
  await conn.run('CREATE OR REPLACE TEMP TABLE write_cost_rows AS SELECT * FROM payments_enriched_silver');
  const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM write_cost_rows')).getRows()[0]?.[0] ?? 0);
  const families = columnFamilies();
  const all = [...families.values()].flat();
  const declared = new Map(
    silverDdl
      .split('\n')
      .map((l) => l.trim().replace(/,$/u, '').replace(' NOT NULL', ''))
      .filter((l) => /^\w+ /u.test(l) && !l.startsWith('CREATE'))
      .map((l) => [l.split(' ')[0]!, l]),
  );
  const cases: [string, string[]][] = [['all columns', all], ...families.entries()];
  const best = new Map<string, number>();
  for (let i = 0; i < repeat; i++) {
    for (const [name, columns] of cases) {
      await conn.run(`CREATE OR REPLACE TABLE write_cost_target (${columns.map((c) => declared.get(c)).join(', ')})`);
      const before = process.cpuUsage();
      await conn.run(`INSERT INTO write_cost_target SELECT ${columns.join(', ')} FROM write_cost_rows`);
      await conn.run('CHECKPOINT');
      const used = process.cpuUsage(before);
      const ms = ((used.user + used.system) / 1000) * (1_000_000 / Math.max(1, rows));
      best.set(name, Math.min(best.get(name) ?? Infinity, ms));
    }
  }
  await conn.run('DROP TABLE IF EXISTS write_cost_target');
  await conn.run('DROP TABLE IF EXISTS write_cost_rows');
  return {
    rows,
    repeat,
    cpu_ms_per_million_rows: Object.fromEntries(
      cases.map(([name, columns]) => [
        name,
        { columns: name === 'all columns' ? columns.length : columns, cpu_ms: Math.round(best.get(name)!) },
      ]),
    ),
  };
}

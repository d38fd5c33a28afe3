import { DuckDBConnection } from '@duckdb/node-api';
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Engine } from '../src/core/engine/engine';
import { EVENT_COLUMNS } from '../src/core/pipeline/event-columns';
import { replayFile } from '../src/core/pipeline/file-replay';
import { ensurePipelineSchema } from '../src/core/pipeline/schema';
import { dataFile, machine, round } from './support';

interface Step {
  sql: string;
  ms: number;
  cpu_ms: number;
}

/**
 * Where a file replay's time goes, inside one process: every statement of `replayFile` timed (wall
 * and process CPU), next to what DuckDB's reader alone costs on the same file (reading and typing
 * every column, writing nothing) and what writing it twice costs. Uses the recording `replay-file`
 * made (bench/.data/recorded-N.csv|parquet).
 *
 * Args: [events = 1000000] [--format csv|parquet] [--memory-limit 1200MB] [--top 12].
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args.find((a) => /^\d+$/u.test(a)) ?? 1_000_000);
  const format = args.includes('--format') ? args[args.indexOf('--format') + 1]! : 'csv';
  const memoryLimit = args.includes('--memory-limit') ? args[args.indexOf('--memory-limit') + 1]! : '1200MB';
  const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 12;
  const file = dataFile(`recorded-${events}.${format}`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench -- replay-file ${events}\` first`);
  const load = round(loadavg()[0] ?? 0);

  const readOnly = await timed(async (engine) => {
    const conn = await engine.instance.connect();
    await conn.run(`SELECT count(*), ${EVENT_COLUMNS.map(([c]) => `count(${c})`).join(', ')} FROM ${reader(format, file)}`);
  });
  const writeTwice = await timed(async (engine) => {
    const conn = await engine.instance.connect();
    await conn.run(`CREATE TABLE a AS SELECT * FROM ${reader(format, file)}`);
    await conn.run('CREATE TABLE b AS SELECT * FROM a');
  });

  const steps: Step[] = [];
  const original = { run: DuckDBConnection.prototype.run, runAndReadAll: DuckDBConnection.prototype.runAndReadAll };
  const wrap = <K extends keyof typeof original>(name: K) =>
    async function (this: DuckDBConnection, ...a: Parameters<DuckDBConnection[K]>) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      try {
        return await (original[name] as (...x: unknown[]) => Promise<unknown>).apply(this, a);
      } finally {
        const used = process.cpuUsage(cpu);
        steps.push({
          sql: String(a[0]).replace(/\s+/gu, ' ').slice(0, 140),
          ms: performance.now() - started,
          cpu_ms: (used.user + used.system) / 1000,
        });
      }
    };
  let summary: Record<string, unknown> = {};
  const whole = await timed(async (engine) => {
    await ensurePipelineSchema(engine);
    DuckDBConnection.prototype.run = wrap('run') as never;
    DuckDBConnection.prototype.runAndReadAll = wrap('runAndReadAll') as never;
    try {
      summary = { ...(await replayFile(engine, file)) };
    } finally {
      Object.assign(DuckDBConnection.prototype, original);
    }
  });
  const slowest = [...steps].sort((a, b) => b.ms - a.ms).slice(0, top);
  return {
    benchmark: 'replay-file-profile',
    events,
    format,
    memory_limit: memoryLimit,
    load_average_1m: load,
    duckdb_read_only: readOnly,
    duckdb_write_twice: writeTwice,
    replay_file: { ...whole, events_per_second: summary.events_per_second, silver: summary.silver, statements: steps.length },
    slowest_statements: slowest.map((s) => ({ ms: Math.round(s.ms), cpu_ms: Math.round(s.cpu_ms), sql: s.sql })),
    machine: machine(),
  };

  async function timed(work: (engine: Engine) => Promise<void>): Promise<{ seconds: number; cpu_seconds: number }> {
    const path = dataFile('replay-file-profile.duckdb');
    rmSync(path, { force: true });
    rmSync(`${path}.wal`, { force: true });
    const engine = await Engine.open({ path, memoryLimit });
    const started = performance.now();
    const cpu = process.cpuUsage();
    await work(engine);
    engine.close();
    const used = process.cpuUsage(cpu);
    return { seconds: round((performance.now() - started) / 1000), cpu_seconds: round((used.user + used.system) / 1e6) };
  }
}

function reader(format: string, file: string): string {
  return format === 'parquet' ? `read_parquet('${file}')` : `read_csv('${file}')`;
}

import { DuckDBConnection } from '@duckdb/node-api';
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Engine } from '../src/core/engine/engine';
import { EVENT_COLUMNS } from '../src/core/pipeline/event-columns';
import { replayFile } from '../src/core/pipeline/file-replay';
import { replay } from '../src/core/pipeline/replay';
import { ensurePipelineSchema } from '../src/core/pipeline/schema';
import { cpuPerEventByStage, silverWriteCost } from './silver-write-cost';
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
 * Args: [events = 1000000] [--format csv|parquet] [--memory-limit 1200MB] [--top 12] [--silver N]. With --silver N
 * the database first holds a simulated backfill of N events (untimed), so deduplication against a
 * full silver table is measured too.
 * With --simulate the same statement timer runs a simulated backfill of `events` instead (the
 * `replay` path: generate, bronze, silver, gold), with the statements summed by kind and by stage (CPU-µs per
 * event); add --write-cost to time writing silver's rows again per family of columns (type × declared compression).
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args.find((a) => /^\d+$/u.test(a)) ?? 1_000_000);
  const format = args.includes('--format') ? args[args.indexOf('--format') + 1]! : 'csv';
  const memoryLimit = args.includes('--memory-limit') ? args[args.indexOf('--memory-limit') + 1]! : '1200MB';
  const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 12;
  const prefill = args.includes('--silver') ? Number(args[args.indexOf('--silver') + 1]) : 0;
  if (args.includes('--simulate')) return simulated(events, memoryLimit, top, args.includes('--write-cost'));
  const file = dataFile(`recorded-${events}.${format}`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench -- replay-file ${events}\` first`);
  const load = round(loadavg()[0] ?? 0);

  const readOnly = await timed(async (engine) => {
    const conn = await engine.instance.connect();
    await conn.run(`SELECT count(*), ${EVENT_COLUMNS.map(([c]) => `count(${c})`).join(', ')} FROM ${reader(format, file)}`);
  }, memoryLimit);
  const writeTwice = await timed(async (engine) => {
    const conn = await engine.instance.connect();
    await conn.run(`CREATE TABLE a AS SELECT * FROM ${reader(format, file)}`);
    await conn.run('CREATE TABLE b AS SELECT * FROM a');
  }, memoryLimit);

  const steps: Step[] = [];
  let summary: Record<string, unknown> = {};
  const whole = await timed(
    async (engine) => {
      summary = { ...(await traced(steps, () => replayFile(engine, file))) };
    },
    memoryLimit,
    async (engine) => {
      await ensurePipelineSchema(engine);
      if (prefill > 0) await replay(engine, { events: prefill, days: 30, seed: 7 });
    },
  );
  const slowest = [...steps].sort((a, b) => b.ms - a.ms).slice(0, top);
  return {
    benchmark: 'replay-file-profile',
    events,
    format,
    memory_limit: memoryLimit,
    silver_before: prefill,
    load_average_1m: load,
    duckdb_read_only: readOnly,
    duckdb_write_twice: writeTwice,
    replay_file: { ...whole, events_per_second: summary.events_per_second, silver: summary.silver, statements: steps.length },
    slowest_statements: slowest.map((s) => ({ ms: Math.round(s.ms), cpu_ms: Math.round(s.cpu_ms), sql: s.sql })),
    machine: machine(),
  };
}

function reader(format: string, file: string): string {
  return format === 'parquet' ? `read_parquet('${file}')` : `read_csv('${file}')`;
}

/** A simulated backfill under the statement timer: CPU by kind of statement (the first SQL comment names it). */
async function simulated(events: number, memoryLimit: string, top: number, writeCost: boolean): Promise<Record<string, unknown>> {
  const load = round(loadavg()[0] ?? 0);
  const steps: Step[] = [];
  let summary: Record<string, unknown> = {};
  const whole = await timed(async (engine) => {
    summary = { ...(await traced(steps, () => replay(engine, { events, days: 30, seed: 7 }))) };
  }, memoryLimit);
  const kinds = new Map<string, { ms: number; cpu_ms: number; count: number }>();
  for (const s of steps) {
    const kind = s.sql.startsWith('--') ? s.sql.slice(0, 70) : s.sql.split(' ').slice(0, 4).join(' ');
    const k = kinds.get(kind) ?? { ms: 0, cpu_ms: 0, count: 0 };
    kinds.set(kind, { ms: k.ms + s.ms, cpu_ms: k.cpu_ms + s.cpu_ms, count: k.count + 1 });
  }
  let silverWrite: Record<string, unknown> | undefined;
  if (writeCost) {
    const engine = await Engine.open({ path: dataFile('replay-file-profile.duckdb'), memoryLimit });
    silverWrite = await silverWriteCost(await engine.instance.connect());
    engine.close();
  }
  return {
    benchmark: 'replay-file-profile --simulate',
    events,
    load_average_1m: load,
    load_average_1m_after: round(loadavg()[0] ?? 0),
    replay: { ...whole, events_per_second: summary.events_per_second, events_per_cpu_second: Math.round(events / whole.cpu_seconds) },
    // Statement CPU time by stage, per event; the process's whole CPU time is in `replay`.
    cpu_us_per_event: cpuPerEventByStage(steps, events),
    silver_write_cost: silverWrite,
    by_statement: [...kinds.entries()]
      .sort((a, b) => b[1].cpu_ms - a[1].cpu_ms)
      .slice(0, top)
      .map(([sql, k]) => ({ cpu_ms: Math.round(k.cpu_ms), ms: Math.round(k.ms), count: k.count, sql })),
    machine: machine(),
  };
}

/** Runs `work` with every DuckDB statement timed into `steps` (wall and process CPU). */
async function traced<T>(steps: Step[], work: () => Promise<T>): Promise<T> {
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
  DuckDBConnection.prototype.run = wrap('run') as never;
  DuckDBConnection.prototype.runAndReadAll = wrap('runAndReadAll') as never;
  try {
    return await work();
  } finally {
    Object.assign(DuckDBConnection.prototype, original);
  }
}

/** Runs `work` on a fresh file database (after `prepare`, untimed); its wall and process CPU seconds. */
async function timed(
  work: (engine: Engine) => Promise<void>,
  memoryLimit: string,
  prepare?: (engine: Engine) => Promise<void>,
): Promise<{ seconds: number; cpu_seconds: number }> {
  const path = dataFile('replay-file-profile.duckdb');
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const engine = await Engine.open({ path, memoryLimit });
  await prepare?.(engine);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await work(engine);
  engine.close();
  const used = process.cpuUsage(cpu);
  return { seconds: round((performance.now() - started) / 1000), cpu_seconds: round((used.user + used.system) / 1e6) };
}

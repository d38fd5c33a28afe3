import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/core/engine/engine';
import { integrityProblems, row, same, scalar, tableExists, withDb } from './crash-checks';
import { killRepeatedly, spawnCli, type KillAttempt } from './kill-harness';
import { fillWithReplayFixture } from './replay-fixture';
import { startSeededWarehouse } from './warehouse-fixture';

/** A job ready to be killed: its command, the uninterrupted reference, and its invariants. */
export interface PreparedJob {
  db: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** How long the uninterrupted reference run took, and a bare CLI start (ms). */
  referenceMs: number;
  startupMs: number;
  /** Kill window override (ms after spawn); default: spread over the reference run. */
  windowMs?: [number, number];
  /** Each start redoes the whole job (see KillRunOptions.repeatable). */
  repeatable?: boolean;
  /** What must hold after every kill: nothing half-written, nothing lost. */
  afterKill(engine: Engine): Promise<string[]>;
  /** What must hold once a run finished: equal to the reference, job marked done. */
  afterFinal(engine: Engine, stdout: string): Promise<string[]>;
  close?(): Promise<void>;
}

export interface CrashJob {
  name: 'live' | 'backfill' | 'pull' | 'training';
  prepare(root: string, dir: string): Promise<PreparedJob>;
}

/** The outcome of one job's kill-and-restart drill. */
export interface CrashVerdict {
  job: string;
  kills: number;
  restarts: number;
  ok: boolean;
  problems: string[];
  killPointsMs: number[];
  seconds: number;
}

async function cli(root: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
  const run = await spawnCli(root, args, env);
  if (run.code !== 0) throw new Error(`medallion ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return { ms: run.elapsedMs, stdout: run.stdout };
}

let startupMs: number | undefined;
/** How long a bare `medallion query` takes to start, open a database and exit (measured once). */
const startup = async (root: string, db: string) => (startupMs ??= (await cli(root, ['query', '--db', db, 'SELECT 1'])).ms);

const SILVER_DIGEST = `SELECT count(*), count(DISTINCT transaction_id),
  bit_xor(hash(transaction_id, event_timestamp, amount, is_approved, decline_reason, merchant_id)) FROM payments_enriched_silver`;

/** Batches are all-or-nothing: silver and bronze hold exactly what the commit log says. */
async function commitLogProblems(engine: Engine): Promise<string[]> {
  if (!(await tableExists(engine, 'pipeline_batches'))) return [];
  const [logSilver, logBronze] = await row(
    engine,
    'SELECT coalesce(sum(silver_rows), 0), coalesce(sum(bronze_rows), 0) FROM pipeline_batches',
  );
  const [silver, distinct] = await row(engine, 'SELECT count(*), count(DISTINCT transaction_id) FROM payments_enriched_silver');
  const bronze = await scalar(engine, 'SELECT count(*) FROM payments_raw_bronze');
  return [
    ...same('silver rows vs the commit log', silver, logSilver),
    ...same('bronze rows vs the commit log', bronze, logBronze),
    ...same('distinct transaction ids in silver', distinct, silver),
  ];
}

/** Gold agrees with silver once a run has finished (every batch folded exactly once). */
async function goldProblems(engine: Engine): Promise<string[]> {
  const gold = await scalar(engine, 'SELECT total_transactions FROM v_executive_kpis');
  return same('v_executive_kpis.total_transactions vs silver', gold, await scalar(engine, 'SELECT count(*) FROM payments_enriched_silver'));
}

/** Problems when some run in pipeline_runs is (or is not) marked finished. */
async function finishedRunProblems(engine: Engine, finished: boolean): Promise<string[]> {
  if (!(await tableExists(engine, 'pipeline_runs'))) return [];
  const marked = Number(await scalar(engine, 'SELECT count(*) FILTER (WHERE finished_at IS NOT NULL) FROM pipeline_runs'));
  return same('runs marked finished', marked > 0, finished);
}

async function runFinished(engine: Engine, runKey: string): Promise<unknown> {
  return scalar(engine, 'SELECT finished_at IS NOT NULL FROM pipeline_runs WHERE run_key = $k', { k: runKey });
}

/** A backfill of `events` events: killed runs resume from the commit log; silver equals a clean run. */
export function backfillJob(events: number, batchSize: number): CrashJob {
  return {
    name: 'backfill',
    async prepare(root, dir) {
      const args = (db: string) => [
        'replay',
        '--db',
        db,
        '--events',
        String(events),
        '--days',
        '2',
        '--seed',
        '11',
        '--start',
        '2026-03-01T00:00:00Z',
        '--batch-size',
        String(batchSize),
      ];
      const ref = join(dir, 'backfill-ref.duckdb');
      const { ms } = await cli(root, args(ref));
      const expected = await withDb(ref, async (e) => row(e, SILVER_DIGEST));
      const db = join(dir, 'backfill.duckdb');
      return {
        db,
        args: args(db),
        referenceMs: ms,
        startupMs: await startup(root, ref),
        // Interrupted, so the run must still be open (resumable), never marked done early.
        afterKill: async (e) => [...(await commitLogProblems(e)), ...(await finishedRunProblems(e, false))],
        afterFinal: async (e, stdout) => {
          const summary = JSON.parse(stdout) as { runKey: string };
          return [
            ...(await commitLogProblems(e)),
            ...same('silver digest vs the uninterrupted run', await row(e, SILVER_DIGEST), expected),
            ...same('backfill run finished', await runFinished(e, summary.runKey), true),
            ...(await goldProblems(e)),
          ];
        },
      };
    },
  };
}

/** A live stream at `rate` events/s for `seconds` per start, without faults so every slot is one silver row. */
export function liveJob(rate: number, seconds: number): CrashJob {
  const slotOf = 'CAST(substr(transaction_id, 4) AS BIGINT)';
  const CONTENT = `SELECT bit_xor(hash(transaction_id, merchant_id, card_network, amount, is_approved, decline_reason)) FROM payments_enriched_silver WHERE ${slotOf} < $m`;
  return {
    name: 'live',
    async prepare(root, dir) {
      const args = (db: string) => [
        'replay',
        '--db',
        db,
        '--rate',
        String(rate),
        '--duration',
        String(seconds),
        '--seed',
        '5',
        '--fault-rate',
        '0',
      ];
      const ref = join(dir, 'live-ref.duckdb');
      const { ms } = await cli(root, args(ref));
      const refSlots = Number(await withDb(ref, (e) => scalar(e, 'SELECT max(slot_hi) FROM pipeline_batches')));
      const content = async (e: Engine, m: number) =>
        withDb(ref, (r) => scalar(r, CONTENT, { m })).then(async (want) =>
          same(`content of the first ${m} events vs an uninterrupted stream`, await scalar(e, CONTENT, { m }), want),
        );
      /** Every slot [0, N) of the stream is in silver exactly once, and N is what the commit log says. */
      const streamProblems = async (e: Engine): Promise<string[]> => {
        if (!(await tableExists(e, 'pipeline_batches'))) return [];
        const [n, covered, batches, los] = await row(
          e,
          "SELECT coalesce(max(slot_hi), 0), coalesce(sum(slot_hi - slot_lo), 0), count(*), count(DISTINCT slot_lo) FROM pipeline_batches WHERE run_key = 'live:s5'",
        );
        const [rows, distinct, lo, hi] = await row(
          e,
          `SELECT count(*), count(DISTINCT transaction_id), coalesce(min(${slotOf}), 0), coalesce(max(${slotOf}), -1) FROM payments_enriched_silver`,
        );
        const m = Math.min(Number(n), refSlots);
        return [
          ...same('slots covered by the commit log', covered, n),
          ...same('distinct batch starts', los, batches),
          ...same('silver rows vs slots streamed', rows, n),
          ...same('distinct transaction ids', distinct, n),
          ...same('first and last slot in silver', [lo, hi], [0, Number(n) - 1]),
          ...(await commitLogProblems(e)),
          ...(m > 0 ? await content(e, m) : []),
        ];
      };
      const db = join(dir, 'live.duckdb');
      const startupMs = await startup(root, ref);
      let streamedBeforeFinal = 0;
      return {
        db,
        args: args(db),
        repeatable: true,
        referenceMs: ms,
        startupMs,
        windowMs: [Math.round(startupMs * 0.6), Math.round(startupMs + seconds * 1000)],
        afterKill: async (e) => {
          streamedBeforeFinal = Number(
            (await tableExists(e, 'pipeline_batches')) ? await scalar(e, 'SELECT coalesce(max(slot_hi), 0) FROM pipeline_batches') : 0,
          );
          return [...(await streamProblems(e)), ...(await finishedRunProblems(e, false))];
        },
        afterFinal: async (e, stdout) => {
          const summary = JSON.parse(stdout) as { events_generated: number };
          return [
            ...(await streamProblems(e)),
            ...(await goldProblems(e)),
            ...same('live run finished after a clean stop', await runFinished(e, 'live:s5'), true),
            // The last start continued after the killed ones' events, neither restarting nor skipping.
            ...same(
              'events streamed in all',
              await scalar(e, 'SELECT max(slot_hi) FROM pipeline_batches'),
              streamedBeforeFinal + summary.events_generated,
            ),
          ];
        },
      };
    },
  };
}

/** A pull of `rows` rows from the warehouse emulator (slowed down per page so kills land inside it). */
export function pullJob(rows: number, pageDelayMs: number): CrashJob {
  const target = 'pulled_events';
  const DIGEST = `SELECT count(*), bit_xor(hash(t)) FROM ${target} t`;
  return {
    name: 'pull',
    async prepare(root, dir) {
      const warehouse = await startSeededWarehouse(dir, { rows });
      if (pageDelayMs > 0) warehouse.emulator.addFault({ method: 'FetchResults', delayMs: pageDelayMs });
      const { emulator, caFile } = warehouse;
      const env = {
        DATABRICKS_HOST: `${emulator.host}:${emulator.port}`,
        DATABRICKS_HTTP_PATH: emulator.path,
        DATABRICKS_TOKEN: emulator.token,
        DATABRICKS_CA_CERT: caFile,
        DATABRICKS_CATALOG: 'memory',
        DATABRICKS_SCHEMA: 'main',
      };
      const args = (db: string) => ['warehouse', 'pull', 'memory.main.events', '--into', target, '--replace', '--db', db];
      const ref = join(dir, 'pull-ref.duckdb');
      const { ms } = await cli(root, args(ref), env);
      const expected = await withDb(ref, (e) => row(e, DIGEST));
      const leftovers = async (e: Engine) =>
        Number(await scalar(e, 'SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE $p', { p: `${target}__pull_%` }));
      /** The target is absent, or complete and recorded in warehouse_pulls. */
      const targetProblems = async (e: Engine): Promise<string[]> => {
        if (!(await tableExists(e, target))) return [];
        const provenance = await scalar(
          e,
          'SELECT row_count FROM warehouse_pulls WHERE table_name = $t ORDER BY finished_at DESC LIMIT 1',
          { t: target },
        );
        return [
          ...same('pulled table vs the uninterrupted pull', await row(e, DIGEST), expected),
          ...same('rows in the provenance record', provenance, expected[0]),
        ];
      };
      return {
        db: join(dir, 'pull.duckdb'),
        args: args(join(dir, 'pull.duckdb')),
        env,
        repeatable: true,
        referenceMs: ms,
        startupMs: await startup(root, ref),
        afterKill: targetProblems,
        afterFinal: async (e) => [
          ...((await tableExists(e, target)) ? await targetProblems(e) : [`${target} is missing after the final pull`]),
          ...same('staging tables left behind by killed pulls', await leftovers(e), 0),
        ],
        close: () => emulator.close(),
      };
    },
  };
}

/** Training all four models on a backfilled silver: every registry version is whole and equals a clean training's. */
export function trainingJob(events: number, models?: string[]): CrashJob {
  const ARTEFACTS =
    'SELECT name, list(version ORDER BY version), list(DISTINCT md5(artefact)) FROM model_registry GROUP BY name ORDER BY name';
  return {
    name: 'training',
    async prepare(root, dir) {
      const base = join(dir, 'training-base.duckdb');
      await withDb(base, (e) => fillWithReplayFixture(e, { events }));
      const copy = (to: string) => {
        copyFileSync(base, to);
        if (existsSync(`${base}.wal`)) copyFileSync(`${base}.wal`, `${to}.wal`);
        return to;
      };
      const ref = copy(join(dir, 'training-ref.duckdb'));
      const args = (db: string) => ['models', 'train', '--db', db, '--json', ...(models ? ['--model', models.join(',')] : [])];
      const { ms } = await cli(root, args(ref));
      const reference = new Map((await withDb(ref, (e) => e.query(ARTEFACTS))).rows.map((r) => [String(r[0]), (r[2] as string[])[0]]));
      const registryProblems = async (e: Engine): Promise<string[]> => {
        if (!(await tableExists(e, 'model_registry'))) return [];
        const out: string[] = [];
        for (const [name, versions, hashes] of (await e.query(ARTEFACTS)).rows as [string, number[], string[]][]) {
          out.push(
            ...same(
              `${name} versions`,
              versions.map(Number),
              versions.map((_v, i) => i + 1),
            ),
          );
          out.push(...same(`${name} artefacts vs a clean training`, hashes, [reference.get(name)]));
        }
        return out;
      };
      const db = copy(join(dir, 'training.duckdb'));
      return {
        db,
        args: args(db),
        repeatable: true,
        referenceMs: ms,
        startupMs: await startup(root, ref),
        afterKill: registryProblems,
        afterFinal: async (e, stdout) => {
          const trained = (JSON.parse(stdout) as { id: string }[]).map((m) => m.id.split('@')[0]).sort();
          return [...(await registryProblems(e)), ...same('models trained by the final run', trained, [...reference.keys()].sort())];
        },
      };
    },
  };
}

/** Prepares the job, kills it `kills` times at seeded random points, restarts it, and checks everything. */
export async function runCrashJob(
  job: CrashJob,
  options: { root: string; dir: string; kills: number; seed: number },
): Promise<CrashVerdict> {
  const started = performance.now();
  const prepared = await job.prepare(options.root, options.dir);
  try {
    const work = Math.max(200, prepared.referenceMs - prepared.startupMs);
    // Kills spread over start-up and the work, aiming to leave work for every restart.
    const windowMs = prepared.windowMs ?? [
      Math.round(prepared.startupMs * 0.6),
      Math.round(prepared.startupMs + work / (options.kills + 1)),
    ];
    const check = async (attempt: KillAttempt | null, stdout = ''): Promise<string[]> => {
      try {
        return await withDb(prepared.db, async (e) => [
          ...(await integrityProblems(e)),
          ...(attempt ? await prepared.afterKill(e) : await prepared.afterFinal(e, stdout)),
        ]);
      } catch (error) {
        return [`the database does not open or answer: ${error instanceof Error ? error.message : String(error)}`];
      }
    };
    const report = await killRepeatedly({
      root: options.root,
      args: prepared.args,
      env: prepared.env,
      kills: options.kills,
      seed: options.seed,
      windowMs,
      repeatable: prepared.repeatable,
      afterKill: (a) => check(a),
    });
    const problems = [
      ...report.problems,
      ...(report.final.code === 0 ? (await check(null, report.final.stdout)).map((p) => `after the final run: ${p}`) : []),
    ];
    return {
      job: job.name,
      kills: report.kills,
      restarts: report.restarts,
      ok: problems.length === 0 && report.kills === options.kills,
      problems,
      killPointsMs: report.attempts.filter((a) => a.killed).map((a) => a.killAtMs),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await prepared.close?.();
  }
}

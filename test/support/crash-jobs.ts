import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/core/engine/engine';
import { row, same, scalar, tableExists, withDb } from './crash-checks';
import { cli, startup, type CrashJob } from './crash-drill';
import { fillWithReplayFixture } from './replay-fixture';
import { startSeededWarehouse } from './warehouse-fixture';

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
      const batches = Number(await withDb(ref, (e) => scalar(e, 'SELECT count(*) FROM pipeline_batches')));
      const db = join(dir, 'backfill.duckdb');
      return {
        db,
        args: args(db),
        referenceMs: ms,
        midWork: async (e) => {
          const done = (await tableExists(e, 'pipeline_batches')) ? Number(await scalar(e, 'SELECT count(*) FROM pipeline_batches')) : 0;
          return done > 0 && done < batches;
        },
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
  const COLUMNS = 'transaction_id, merchant_id, card_network, amount, is_approved, decline_reason';
  /** Every streamed event: in silver, or a retry stamped in the future that waits in pipeline_pending_retries. */
  const streamed = async (e: Engine) =>
    (await tableExists(e, 'pipeline_pending_retries'))
      ? `(SELECT ${COLUMNS} FROM payments_enriched_silver UNION ALL SELECT ${COLUMNS} FROM pipeline_pending_retries)`
      : `(SELECT ${COLUMNS} FROM payments_enriched_silver)`;
  const content = async (e: Engine, m: number) =>
    scalar(e, `SELECT bit_xor(hash(${COLUMNS})) FROM ${await streamed(e)} s WHERE ${slotOf} < $m`, { m });
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
      const sameContent = async (e: Engine, m: number) =>
        same(`content of the first ${m} events vs an uninterrupted stream`, await content(e, m), await withDb(ref, (r) => content(r, m)));
      /** Every slot [0, N) of the stream is in silver (or waiting as a future retry) exactly once, N as the commit log says. */
      const streamProblems = async (e: Engine): Promise<string[]> => {
        if (!(await tableExists(e, 'pipeline_batches'))) return [];
        const [n, covered, batches, los] = await row(
          e,
          "SELECT coalesce(max(slot_hi), 0), coalesce(sum(slot_hi - slot_lo), 0), count(*), count(DISTINCT slot_lo) FROM pipeline_batches WHERE run_key = 'live:s5'",
        );
        const [rows, distinct, lo, hi] = await row(
          e,
          `SELECT count(*), count(DISTINCT transaction_id), coalesce(min(${slotOf}), 0), coalesce(max(${slotOf}), -1) FROM ${await streamed(e)} s`,
        );
        const m = Math.min(Number(n), refSlots);
        return [
          ...same('slots covered by the commit log', covered, n),
          ...same('distinct batch starts', los, batches),
          ...same('silver + pending retry rows vs slots streamed', rows, n),
          ...same('distinct transaction ids', distinct, n),
          ...same('first and last slot in silver', [lo, hi], [0, Number(n) - 1]),
          ...(await commitLogProblems(e)),
          ...(m > 0 ? await sameContent(e, m) : []),
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
        midWork: async (e) => {
          const before = streamedBeforeFinal;
          streamedBeforeFinal = Number(
            (await tableExists(e, 'pipeline_batches')) ? await scalar(e, 'SELECT coalesce(max(slot_hi), 0) FROM pipeline_batches') : 0,
          );
          return streamedBeforeFinal > before;
        },
        afterKill: async (e) => [...(await streamProblems(e)), ...(await finishedRunProblems(e, false))],
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
        // A staging table left behind means the kill landed mid-copy (the next pull drops it).
        midWork: async (e) => (await leftovers(e)) > 0,
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
      let versions = 0;
      return {
        db,
        args: args(db),
        repeatable: true,
        referenceMs: ms,
        startupMs: await startup(root, ref),
        midWork: async (e) => {
          const before = versions;
          versions = (await tableExists(e, 'model_registry')) ? Number(await scalar(e, 'SELECT count(*) FROM model_registry')) : 0;
          return versions > before;
        },
        afterKill: registryProblems,
        afterFinal: async (e, stdout) => {
          const trained = (JSON.parse(stdout) as { id: string }[]).map((m) => m.id.split('@')[0]).sort();
          return [...(await registryProblems(e)), ...same('models trained by the final run', trained, [...reference.keys()].sort())];
        },
      };
    },
  };
}

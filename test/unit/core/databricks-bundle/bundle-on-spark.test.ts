// The exported bundle's pipeline run with open-source Spark Declarative Pipelines over the events
// of a seeded local replay (faults and duplicate deliveries included), compared with the local
// DuckDB pipeline: silver rows, quarantine by reason, and every row of the 19 gold views. The events
// land as three time-ordered files, read by bronze's file stream (the stand-in for Auto Loader), in
// two batches: the first two files and a run of bronze alone, then the third file and a full run on
// the same checkpoints, which must read the new file only (exactly once across runs).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDatabricksBundle } from '../../../../src/core/databricks-bundle/export-bundle';
import { GOLD_VIEWS } from '../../../../src/core/pipeline/schema';
import { diffRows } from '../../../support/compare-relations';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { runExportedPipeline, standInSources, substitutions } from '../../../support/sdp-run';
import { createTestCore } from '../../../support/test-core';

let core: Awaited<ReturnType<typeof createTestCore>>;
let warehouse: string;
/** Bronze rows after the first run (files 1 and 2), and how many of those came from each file. */
let firstRun: { rows: number; files: string[] };
const dir = mkdtempSync(join(tmpdir(), 'medallion-sdp-'));
const landing = join(dir, 'landing');

/** Writes the `part`-th of three time-ordered slices of every delivered event (bronze without its ingestion columns). */
async function land(part: number): Promise<void> {
  const slice = `SELECT * EXCLUDE (_ingested_at, _batch_id, _source, _slice) FROM (
    SELECT *, ntile(3) OVER (ORDER BY event_timestamp, transaction_id) AS _slice FROM payments_raw_bronze) WHERE _slice = ${part}`;
  await core.engine.run(`COPY (${slice}) TO '${join(landing, `events-${part}.parquet`)}' (FORMAT parquet)`);
}

const spark = (table: string) => `read_parquet('${join(warehouse, table)}/*.parquet')`;
const count = (from: string) => core.engine.query(`SELECT count(*) FROM ${from}`).then((r) => Number(r.rows[0]![0]));

beforeAll(async () => {
  core = await createTestCore();
  await fillWithReplayFixture(core.engine, { events: 12_000, days: 21, incidents: true, faultRate: 0.01 });
  await core.engine
    .run(`INSERT INTO agent_recommendations (recommendation_id, agent, run_id, created_at, severity, title, recommendation, evidence_sql, status)
    VALUES ('r1', 'smart_routing', 'run1', TIMESTAMP '2026-01-22 10:00:00', 'high', 'Route Elo to ProcessorA', 'Move Elo/BR', 'SELECT 1', 'open')`);
  mkdirSync(landing);
  await core.engine.run(`COPY agent_recommendations TO '${join(dir, 'agent_recommendations.parquet')}' (FORMAT parquet)`);
  await exportDatabricksBundle(core.engine, { out: join(dir, 'bundle') });
  const agents = `CREATE MATERIALIZED VIEW agent_recommendations AS SELECT * FROM parquet.\`${join(dir, 'agent_recommendations.parquet')}\`\n`;
  const extra = { ...standInSources(landing), 'agent_recommendations.sql': agents };
  for (const part of [1, 2]) await land(part);
  // First batch: bronze alone (a streaming table keeps its checkpoint in the run's storage folder).
  const t0 = performance.now();
  ({ warehouse } = await runExportedPipeline(join(dir, 'bundle'), join(dir, 'sdp'), substitutions(landing), {
    extra,
    refresh: ['payments_raw_bronze'],
  }));
  const files = await core.engine.query(`SELECT DISTINCT _source FROM ${spark('payments_raw_bronze')} ORDER BY 1`);
  firstRun = { rows: await count(spark('payments_raw_bronze')), files: files.rows.map((r) => String(r[0]).replace(/^.*\//u, '')) };
  // Second batch lands later; the full run must read only it into bronze, then rebuild silver and gold.
  await land(3);
  const t1 = performance.now();
  await runExportedPipeline(join(dir, 'bundle'), join(dir, 'sdp'), substitutions(landing), { extra });
  console.info(JSON.stringify({ firstRunBronzeMs: Math.round(t1 - t0), secondRunAllMs: Math.round(performance.now() - t1) }));
}, 1_200_000);

afterAll(async () => {
  await core?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function tolerance(column: string): number {
  if (/fraud_score|composite_risk/u.test(column)) return 0.0001;
  if (/latency|seconds_since/u.test(column)) return 0.1;
  return 0.01;
}

describe('the exported pipeline on Spark Declarative Pipelines', () => {
  it('streams every landed file into bronze once: each delivered row, duplicates and faults included, from three files', async () => {
    expect(await count(spark('payments_raw_bronze'))).toBe(await count('payments_raw_bronze'));
    const perFile = await core.engine.query(`SELECT count(DISTINCT _source) FROM ${spark('payments_raw_bronze')}`);
    expect(Number(perFile.rows[0]![0])).toBe(3);
  });

  it('reads a file that lands after a run once, and only it: the first run held files 1 and 2, the second added file 3', async () => {
    const slice = (parts: string) => count(`read_parquet([${parts}])`);
    const file = (n: number) => `'${join(landing, `events-${n}.parquet`)}'`;
    expect(firstRun.files).toEqual(['events-1.parquet', 'events-2.parquet']);
    expect(firstRun.rows).toBe(await slice(`${file(1)}, ${file(2)}`));
    // Each file's rows are in bronze exactly as often as the file holds them: nothing re-read, nothing lost.
    const perFile = await core.engine.query(
      `SELECT regexp_extract(_source, 'events-[0-9]+[.]parquet') AS f, count(*) FROM ${spark('payments_raw_bronze')} GROUP BY f ORDER BY f`,
    );
    expect(perFile.rows.map((r) => [r[0], Number(r[1])])).toEqual([
      ['events-1.parquet', await slice(file(1))],
      ['events-2.parquet', await slice(file(2))],
      ['events-3.parquet', await slice(file(3))],
    ]);
  });

  it('keeps the same silver rows and quarantines the same rows for the same reasons', async () => {
    const local = await core.engine.query(`SELECT count(*) FROM payments_enriched_silver`);
    const remote = await core.engine.query(`SELECT count(*) FROM ${spark('payments_enriched_silver')}`);
    expect(remote.rows[0]![0]).toBe(local.rows[0]![0]);
    const byReason = (from: string) =>
      core.engine.query(`SELECT reason, count(*) FROM ${from} GROUP BY reason ORDER BY reason`).then((r) => r.rows);
    const localReasons = await byReason('payments_quarantine');
    expect(localReasons.map((r) => r[0])).toEqual(['duplicate', 'valid_amount', 'valid_transaction_id']);
    expect(await byReason(spark('payments_quarantine'))).toEqual(localReasons);
  });

  it.each(GOLD_VIEWS)('%s: every row equals the local one', async (view) => {
    const local = await core.engine.query(`SELECT * FROM ${view}`, { maxRows: 100_000 });
    const names = local.columns.map((c) => c.name).join(', ');
    const remote = await core.engine.query(`SELECT ${names} FROM ${spark(view)}`, { maxRows: 100_000 });
    expect(diffRows(view, local.rows, remote.rows, (i) => tolerance(local.columns[i]!.name))).toEqual([]);
  });
});

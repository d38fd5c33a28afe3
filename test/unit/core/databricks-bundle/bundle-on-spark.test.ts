// The exported bundle's pipeline run with open-source Spark Declarative Pipelines over the events
// of a seeded local replay (faults and duplicate deliveries included), compared with the local
// DuckDB pipeline: silver rows, quarantine by reason, and every row of the 19 gold views. The events
// land as three time-ordered files, read by bronze's file stream (the stand-in for Auto Loader).
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
const dir = mkdtempSync(join(tmpdir(), 'medallion-sdp-'));
const landing = join(dir, 'landing');

/** Writes the `part`-th of three time-ordered slices of every delivered event (bronze without its ingestion columns). */
async function land(part: number): Promise<void> {
  const slice = `SELECT * EXCLUDE (_ingested_at, _batch_id, _source, _slice) FROM (
    SELECT *, ntile(3) OVER (ORDER BY event_timestamp, transaction_id) AS _slice FROM payments_raw_bronze) WHERE _slice = ${part}`;
  await core.engine.run(`COPY (${slice}) TO '${join(landing, `events-${part}.parquet`)}' (FORMAT parquet)`);
}

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
  for (const part of [1, 2, 3]) await land(part);
  ({ warehouse } = await runExportedPipeline(join(dir, 'bundle'), join(dir, 'sdp'), substitutions(landing), {
    extra: { ...standInSources(landing), 'agent_recommendations.sql': agents },
  }));
}, 1_200_000);

afterAll(async () => {
  await core?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const spark = (table: string) => `read_parquet('${join(warehouse, table)}/*.parquet')`;
const count = (from: string) => core.engine.query(`SELECT count(*) FROM ${from}`).then((r) => Number(r.rows[0]![0]));

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

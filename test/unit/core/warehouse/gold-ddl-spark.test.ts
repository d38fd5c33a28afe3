// The gold DDL (`medallion warehouse ddl`) run as a script on Apache Spark, the engine behind
// Databricks SQL: every statement parses with sqlglot read='databricks', creates on Spark over a
// silver table loaded from a seeded local replay, and every view gives the local DuckDB rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLD_VIEWS } from '../../../../src/core/pipeline/schema';
import { goldViewsDdl } from '../../../../src/core/warehouse/gold-ddl';
import { diffRows } from '../../../support/compare-relations';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { runSparkScript, type SparkScriptResult } from '../../../support/spark-script';
import { createTestCore } from '../../../support/test-core';

let core: Awaited<ReturnType<typeof createTestCore>>;
let spark: SparkScriptResult;
const dir = mkdtempSync(join(tmpdir(), 'medallion-gold-spark-'));

beforeAll(async () => {
  core = await createTestCore();
  // Three weeks so the 7-vs-7-day and 90-day windows have data; incidents in the last hour fire alerts.
  await fillWithReplayFixture(core.engine, { events: 24_000, days: 21, incidents: true, faultRate: 0.01 });
  await core.engine
    .run(`INSERT INTO agent_recommendations (recommendation_id, agent, run_id, created_at, severity, title, recommendation, evidence_sql)
    VALUES ('r1', 'smart_routing', 'run1', TIMESTAMP '2026-01-22 10:00:00', 'high', 'Route Elo to ProcessorA', 'Move Elo/BR', 'SELECT 1'),
           ('r2', 'decline_analyst', 'run1', TIMESTAMP '2026-01-22 11:30:00', 'medium', 'Retry do_not_honor later', 'Wait 1h', 'SELECT 2')`);
  for (const table of ['payments_enriched_silver', 'agent_recommendations']) {
    await core.engine.run(`COPY ${table} TO '${join(dir, `${table}.parquet`)}' (FORMAT parquet)`);
  }
  spark = await runSparkScript({
    tables: Object.fromEntries(['payments_enriched_silver', 'agent_recommendations'].map((t) => [t, join(dir, `${t}.parquet`)])),
    script: goldViewsDdl().sql,
    dump: GOLD_VIEWS,
  });
}, 900_000);

afterAll(async () => {
  await core?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** One unit of the last rounded digit: 4-decimal averages, 1-decimal latencies, cents and percentage points otherwise. */
function tolerance(column: string): number {
  if (/fraud_score|composite_risk/u.test(column)) return 0.0001;
  if (/latency|seconds_since/u.test(column)) return 0.1;
  return 0.01;
}

describe('gold DDL on Apache Spark', () => {
  it('parses every statement as Databricks SQL (sqlglot) and creates all 19 views on Spark', () => {
    expect(spark.parse_errors).toEqual([]);
    expect(spark.errors).toEqual([]);
    expect(Object.keys(spark.relations).sort()).toEqual(GOLD_VIEWS);
  });

  it.each(GOLD_VIEWS)('%s: same columns and rows as local DuckDB', async (view) => {
    const local = await core.engine.query(`SELECT * FROM ${view}`, { maxRows: 100_000 });
    const remote = spark.relations[view]!;
    expect(remote.columns.map((c) => c.name)).toEqual(local.columns.map((c) => c.name));
    expect(local.rows.length, `${view} has rows locally`).toBeGreaterThan(0);
    const names = local.columns.map((c) => c.name);
    expect(diffRows(view, local.rows, remote.rows, (i) => tolerance(names[i]!))).toEqual([]);
  });
});

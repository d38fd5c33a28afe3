// The suite that proves Databricks compatibility: the real @databricks/sql driver → the Thrift
// warehouse emulator → Apache Spark SQL in local mode (one JVM for the file), holding silver and the
// agents' table from a seeded replay and the gold layer created by the app's own `warehouse ddl`.
// Every dashboard dataset, drill-through, Ask, the SQL page, browse, pull and every dataset of every
// exported Lakeview file must give the local DuckDB numbers on the same data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { twinsOf } from '../../../../src/core/dashboards/dataset-twins';
import { ImportedDashboards } from '../../../../src/core/dashboards/imported-store';
import { fromLakeview } from '../../../../src/core/dashboards/lakeview';
import { ALL, toLakeview } from '../../../../src/core/dashboards/lakeview-export';
import { IMPORTED_PREFIX } from '../../../../src/core/dashboards/service';
import { databricksParamRefs, databricksToDuckDb } from '../../../../src/core/dashboards/lakeview-sql';
import { bindWarehouseParams } from '../../../../src/core/warehouse/params';
import { runQuery } from '../../../../src/core/warehouse/run-statement';
import type { ExecuteResult, PullResult, QueryResult } from '../../../../src/shared/api';
import { defaultFilters, filterParams, type Filters } from '../../../../src/shared/dashboards/filters';
import { AppError } from '../../../../src/shared/errors';
import { ASK_PLAN_SHAPES } from '../../../support/ask-plan-shapes';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { bySet, expectSameRows, sameOrder } from '../../../support/spark-compare';
import { SPARK_CATALOG, SPARK_SCHEMA, startSparkWarehouse, type SparkWarehouse } from '../../../support/spark-warehouse';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('the warehouse stand-in on Apache Spark SQL (real driver → Thrift emulator → Spark local mode)', { timeout: 120_000 }, () => {
  let core: TestCore;
  let wh: SparkWarehouse;
  let profileId: string;
  let filters: Filters;
  const started = performance.now();

  beforeAll(async () => {
    core = await createTestCore();
    // Two weeks so "this week vs last week" and the 7-day presets have data; incidents in the last hour fire alerts.
    await fillWithReplayFixture(core.engine, { events: 20_000, days: 14, incidents: true });
    await core.agents.run(undefined, { trigger: 'manual' } as never);
    wh = await startSparkWarehouse(core.engine, core.dir);
    const profile = await core.warehouse.saveProfile({
      name: 'Spark',
      host: `${wh.emulator.host}:${wh.emulator.port}`,
      httpPath: wh.emulator.path,
      catalog: SPARK_CATALOG,
      schema: SPARK_SCHEMA,
      authType: 'pat',
      secret: wh.emulator.token,
      caCertPath: wh.caFile,
    } as never);
    profileId = profile.id;
    filters = defaultFilters('last_7_days', await core.dashboards.filterOptions('executive-overview'));
    console.info(JSON.stringify({ sparkSetupMs: Math.round(performance.now() - started) }));
  }, 900_000);
  afterAll(async () => {
    await wh?.close();
    await core?.dispose();
    console.info(JSON.stringify({ sparkSuiteMs: Math.round(performance.now() - started) }));
  });

  it('loads silver and the agents table, and creates all 19 gold views with the app’s own DDL', async () => {
    expect(wh.loaded.payments_enriched_silver).toBeGreaterThan(19_000);
    expect(wh.loaded.agent_recommendations).toBeGreaterThan(0);
    expect(wh.refused).toEqual([]);
    expect(wh.created).toHaveLength(19);
    // v_active_alerts used to aggregate silver some twenty times on Spark (every CTE inlined at each reference).
    await wh.spark.openSession('timing', SPARK_CATALOG, SPARK_SCHEMA);
    const t0 = performance.now();
    const alerts = await wh.spark.sql('timing', 'SELECT * FROM v_active_alerts');
    await wh.spark.closeSession('timing');
    console.info(JSON.stringify({ activeAlertsOnSparkMs: Math.round(performance.now() - t0), alerts: alerts.rows }));
    expect(alerts.rows).toBeGreaterThan(0);
  });

  it('every dashboard dataset (Databricks twins included) gives the local numbers on Spark', async () => {
    let compared = 0;
    const reordered: string[] = [];
    for (const d of BUILTIN_DASHBOARDS) {
      for (const ds of d.datasets) {
        const label = `${d.id}/${ds.name}`;
        const local = await core.dashboards.runDataset(d.id, ds.name, filters);
        const remote = await core.dashboards.runDataset(d.id, ds.name, filters, undefined, profileId).catch((e: unknown) => {
          throw new Error(`${label}: ${(e as Error).message}`);
        });
        expect(
          remote.columns.map((c) => c.name),
          label,
        ).toEqual(local.columns.map((c) => c.name));
        // Same rows to the cent, in the same order (a dashboard's table reads top to bottom on both engines).
        expectSameRows(bySet(remote.rows), bySet(local.rows), label);
        if (!sameOrder(remote.rows, local.rows)) reordered.push(label);
        compared++;
      }
    }
    expect(compared).toBe(BUILTIN_DASHBOARDS.reduce((n, d) => n + d.datasets.length, 0));
    console.info(JSON.stringify({ datasetsCompared: compared, orderDiffersFromLocal: reordered }));
    expect(reordered, 'datasets whose rows come back in another order on Spark').toEqual([]);
  }, 600_000);

  it('every dataset of every exported Lakeview file runs on Spark with its parameters and gives the local numbers', async () => {
    let compared = 0;
    for (const d of BUILTIN_DASHBOARDS) {
      const file = toLakeview(d, { twins: twinsOf(d), catalog: SPARK_CATALOG, schema: SPARK_SCHEMA }) as {
        datasets: { name: string; queryLines: string[] }[];
      };
      // Lakeview sends the filter widgets' values; "All" stands for no dimension filter.
      const values = Object.fromEntries(Object.entries(filterParams(filters)).map(([k, v]) => [k, v ?? ALL]));
      for (const ds of file.datasets) {
        const label = `${d.id}.lvdash.json/${ds.name}`;
        const sql = ds.queryLines.join('');
        const params = Object.fromEntries(databricksParamRefs(sql).map((n) => [n, values[n]!]));
        const remote = await core.warehouse
          .withSession(profileId, (s) => runQuery(s, sql, { params: bindWarehouseParams(params), maxRows: 5_000, timeoutMs: 120_000 }))
          .catch((e: unknown) => {
            throw new Error(`${label}: ${(e as Error).message}`);
          });
        const local: QueryResult = d.datasets.some((x) => x.name === ds.name)
          ? await core.dashboards.runDataset(d.id, ds.name, filters)
          : await core.engine.query(databricksToDuckDb(sql, new Set()), { maxRows: 5_000 });
        expect(
          remote.columns.map((c) => c.name),
          label,
        ).toEqual(local.columns.map((c) => c.name));
        expectSameRows(bySet(remote.rows), bySet(local.rows), label);
        compared++;
      }
    }
    console.info(JSON.stringify({ lakeviewDatasetsCompared: compared }));
    expect(compared).toBeGreaterThan(BUILTIN_DASHBOARDS.reduce((n, d) => n + d.datasets.length, 0));
  }, 600_000);

  it('every dataset drawn by our real-file-like Lakeview imports runs on the Spark warehouse with the local numbers', async () => {
    // Imported SQL goes back to Databricks quoting (backticks, :param) on a warehouse profile. Each dataset a drawn widget
    // reads runs once; those the local database cannot run (another catalog, broken SQL) are checked by lakeview-fixtures.
    const dir = join(__dirname, '../../../fixtures/lakeview');
    const tally: Record<string, { datasets: number; sameOnSpark: number }> = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.lvdash.json'))) {
      const { dashboard } = fromLakeview(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
      new ImportedDashboards(join(core.dir, 'dashboards')).save(dashboard);
      const id = IMPORTED_PREFIX + dashboard.id;
      const drawn = new Set(dashboard.widgets.flatMap((w) => (w.type === 'unsupported' ? [] : [w.dataset])));
      const t = (tally[file] = { datasets: drawn.size, sameOnSpark: 0 });
      for (const ds of drawn) {
        const label = `${file}/${ds}`;
        const local = await core.dashboards.runDataset(id, ds, filters).catch(() => undefined);
        if (!local) continue;
        const remote = await core.dashboards.runDataset(id, ds, filters, undefined, profileId).catch((e: unknown) => {
          throw new Error(`${label}: ${(e as Error).message}`);
        });
        expect(
          remote.columns.map((c) => c.name),
          label,
        ).toEqual(local.columns.map((c) => c.name));
        expectSameRows(bySet(remote.rows), bySet(local.rows), label, 0.01);
        t.sameOnSpark++;
      }
    }
    console.info(JSON.stringify({ importedOnSpark: tally }));
    expect(Object.keys(tally).length).toBeGreaterThanOrEqual(10);
    expect(Object.values(tally).reduce((n, f) => n + f.sameOnSpark, 0)).toBeGreaterThan(25);
  }, 600_000);

  it('reads the dashboard filter choices from the Spark silver table', async () => {
    expect(await core.dashboards.filterOptions('executive-overview', profileId)).toEqual(
      await core.dashboards.filterOptions('executive-overview'),
    );
  });

  it('drills through to the same silver rows, a page at a time', async () => {
    const input = { id: 'decline-analysis', widgetId: 'by_network', filters, value: 'Visa', offset: 0, limit: 25 };
    const local = await core.dashboards.drill(input);
    const remote = await core.dashboards.drill({ ...input, profileId });
    expect(remote.total).toBe(local.total);
    expect(remote.total).toBeGreaterThan(25);
    expect(remote.columns.map((c) => c.name)).toEqual(local.columns.map((c) => c.name));
    const id = remote.columns.findIndex((c) => c.name === 'transaction_id');
    expect(remote.rows.map((r) => r[id]).sort()).toEqual(local.rows.map((r) => r[id]).sort());
  });

  it.each(Object.entries(ASK_PLAN_SHAPES))('Ask (%s) on Spark gives the local answer: %s', async (_shape, question) => {
    const local = await core.ask.ask({ question });
    expect(local.sql, question).toBeTruthy();
    const remote = await core.ask.ask({ question, profileId });
    expect(remote.target?.kind, question).toBe('warehouse');
    expect(
      remote.columns.map((c) => c.name),
      question,
    ).toEqual(local.columns.map((c) => c.name));
    expect(local.rows.length, `${question}: an answer with rows`).toBeGreaterThan(0);
    // Percentiles are exact on both sides (percentile_cont / quantile_cont); rounded to 2 decimals, they may differ by 0.01.
    expectSameRows(bySet(remote.rows), bySet(local.rows), question, 0.0101);
  });

  it('runs SQL-page statements with Databricks types and Spark’s own error classes', async () => {
    const sql = `SELECT amount, event_date, event_timestamp, retry_attempt, is_approved, fraud_score FROM payments_enriched_silver
      WHERE amount > :min ORDER BY transaction_id LIMIT 3`;
    const r = await core.dispatcher.dispatch('warehouse.query', { profileId, sql, params: { min: 10 } });
    expect(r.ok).toBe(true);
    const q = (r as { data: QueryResult }).data;
    expect(q.columns.map((c) => c.type)).toEqual(['DECIMAL(12,2)', 'DATE', 'TIMESTAMP', 'INT', 'BOOLEAN', 'DOUBLE']);
    expect(q.rows).toHaveLength(3);
    const missing = await core.warehouse.query({ profileId, sql: 'SELECT * FROM no_such_table' } as never).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).message).toMatch(
      /\[TABLE_OR_VIEW_NOT_FOUND\] The table or view `no_such_table` cannot be found.*SQLSTATE: 42P01/s,
    );
  });

  it('the SQL page’s warehouse target runs a gold view on Spark with the local rows, paged and counted', async () => {
    const sql = 'SELECT card_network, transactions, approval_rate_pct, total_value FROM v_card_network_performance WHERE transactions > :n';
    const r = await core.dispatcher.dispatch('sqlwb.execute', { target: `warehouse:${profileId}`, sql, params: { n: 0 }, pageSize: 50 });
    if (!r.ok) throw new Error(r.error.message);
    const result = r.data as ExecuteResult;
    const local = await core.engine.query(sql.replace(':n', '0'));
    expect(result.columns.map((c) => c.name)).toEqual(['card_network', 'transactions', 'approval_rate_pct', 'total_value']);
    expectSameRows(bySet(result.rows), bySet(local.rows), 'sqlwb v_card_network_performance');
    const count = await core.dispatcher.dispatch('sqlwb.count', { resultId: result.resultId });
    expect(count.ok && (count.data as { total: number }).total).toBe(local.rows.length);
  });

  it('browses Spark’s catalog: catalogs, schemas, tables and views, columns with Databricks types', async () => {
    const browse = async (input: Record<string, string>) => {
      const r = await core.dispatcher.dispatch('warehouse.browse', { profileId, ...input });
      if (!r.ok) throw new Error(r.error.message);
      return (r.data as { items: { name: string; kind?: string; type?: string }[] }).items;
    };
    expect((await browse({})).map((i) => i.name)).toContain(SPARK_CATALOG);
    expect((await browse({ catalog: SPARK_CATALOG })).map((i) => i.name)).toContain(SPARK_SCHEMA);
    const tables = await browse({ catalog: SPARK_CATALOG, schema: SPARK_SCHEMA });
    expect(tables.find((t) => t.name === 'payments_enriched_silver')?.kind).toMatch(/table/i);
    expect(tables.find((t) => t.name === 'v_system_performance')?.kind).toMatch(/view/i);
    const columns = await browse({ catalog: SPARK_CATALOG, schema: SPARK_SCHEMA, table: 'payments_enriched_silver' });
    const type = (n: string) => columns.find((c) => c.name === n)?.type;
    expect([type('amount'), type('event_date'), type('event_timestamp'), type('transaction_id')]).toEqual([
      'DECIMAL(12,2)',
      'DATE',
      'TIMESTAMP',
      'STRING',
    ]);
  });

  it('pulls the Spark silver table into local DuckDB with its exact sums', async () => {
    const r = await core.dispatcher.dispatch('warehouse.pull', {
      profileId,
      source: { kind: 'table', catalog: SPARK_CATALOG, schema: SPARK_SCHEMA, table: 'payments_enriched_silver' },
      target: 'silver_from_spark',
    });
    expect(r.ok).toBe(true);
    expect((r as { data: PullResult }).data.rows).toBe(wh.loaded.payments_enriched_silver);
    const check = await core.engine
      .query(`SELECT (SELECT sum(amount)::VARCHAR FROM silver_from_spark) = (SELECT sum(amount)::VARCHAR FROM payments_enriched_silver) AS same,
      (SELECT typeof(amount) FROM silver_from_spark LIMIT 1) AS t`);
    expect(check.rows[0]).toEqual([true, 'DECIMAL(12,2)']);
  });
});

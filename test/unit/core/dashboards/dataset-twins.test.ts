import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { databricksTwin, datasetTwins } from '../../../../src/core/dashboards/dataset-twins';
import { Engine } from '../../../../src/core/engine/engine';
import { DUCKDB_ONLY, databricksGoldViews } from '../../../../src/core/warehouse/gold-ddl';
import { datasetSql } from '../../../../src/shared/dashboards/definition';
import { defaultFilters, filterParams, pickParams, referencedParams, type Filters } from '../../../../src/shared/dashboards/filters';
import { nonDatabricksFunctions } from '../../../support/databricks-dialect';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';
import { startWarehouseEmulator, type WarehouseEmulator } from '../../../support/warehouse-emulator';

const FIXTURE = { events: 4_000, days: 10, incidents: true } as const;
const datasets = BUILTIN_DASHBOARDS.flatMap((d) => d.datasets.map((ds) => ({ dashboard: d, ds, key: `${d.id}/${ds.name}` })));
const numeric = (rows: unknown[][]) => rows.map((r) => r.map((c) => (typeof c === 'string' && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));

describe('Databricks SQL twins of dashboard datasets', () => {
  it('every built-in dataset is Databricks SQL as written, or has a twin that is', () => {
    const twinned: string[] = [];
    for (const { dashboard, ds, key } of datasets) {
      const own = datasetSql(ds);
      const twin = databricksTwin(dashboard.id, ds.name);
      const ownProblems = [...nonDatabricksFunctions(own), ...DUCKDB_ONLY.filter((p) => p.test(own)).map(String)];
      if (!twin) {
        expect(ownProblems, `${key} calls functions Databricks SQL lacks: give it a twin`).toEqual([]);
        continue;
      }
      twinned.push(key);
      // A twin for SQL that already is portable would only drift from it.
      expect(ownProblems.length, `${key} is portable: delete its twin`).toBeGreaterThan(0);
      expect(nonDatabricksFunctions(twin), key).toEqual([]);
      for (const p of DUCKDB_ONLY) expect(p.test(twin), `${key} ${p}`).toBe(false);
    }
    expect(twinned.sort()).toEqual(['technical-performance/by_processor', 'technical-performance/daily', 'technical-performance/kpis']);
    // Every twin file belongs to a built-in dataset (a renamed dataset would leave it behind).
    expect([...datasetTwins().keys()].sort()).toEqual(twinned.sort());
  });

  it('the gold views as printed for Databricks pass the same check', () => {
    for (const view of databricksGoldViews()) expect(nonDatabricksFunctions(view.sql), view.name).toEqual([]);
  });

  it('the dialect check catches the DuckDB-only forms and passes the Databricks ones', () => {
    expect(nonDatabricksFunctions("SELECT quantile_cont(x, 0.95), arg_max(a, b), strftime(d, '%Y') FROM t")).toEqual([
      'quantile_cont',
      'arg_max',
      'strftime',
    ]);
    expect(nonDatabricksFunctions('SELECT round(x, 2)::DECIMAL(18, 2) FROM t GROUP BY GROUPING SETS ((), (a))')).toEqual([]);
    expect(
      nonDatabricksFunctions(
        "WITH s AS (SELECT 1) SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FILTER (WHERE y IN (1, 2)), max_by(a, b), CAST(z AS DECIMAL(10, 2)), 'f(x)' FROM s",
      ),
    ).toEqual([]);
  });
});

describe('twins on DuckDB and on the warehouse emulator (real driver, HTTPS)', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let emulator: WarehouseEmulator;
  let profileId: string;
  let filters: Filters;

  beforeAll(async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, FIXTURE);
    const remotePath = join(core.dir, 'warehouse.duckdb');
    const remote = await Engine.open({ path: remotePath, threads: 2 });
    await fillWithReplayFixture(remote, FIXTURE);
    remote.close();
    emulator = await startWarehouseEmulator({ databasePath: remotePath });
    const caFile = join(core.dir, 'emulator-ca.pem');
    writeFileSync(caFile, emulator.caCert);
    const profile = await core.warehouse.saveProfile({
      name: 'Emulator',
      host: `${emulator.host}:${emulator.port}`,
      httpPath: emulator.path,
      authType: 'pat',
      secret: emulator.token,
      caCertPath: caFile,
    } as never);
    profileId = profile.id;
    filters = defaultFilters('last_7_days', await core.dashboards.filterOptions('technical-performance'));
  }, 120_000);
  afterAll(async () => {
    await core?.dispose();
    await emulator?.close();
  });

  it("each twin takes its dataset's parameters and gives its rows on DuckDB", async () => {
    for (const [key, twin] of datasetTwins()) {
      const { ds } = datasets.find((d) => d.key === key)!;
      const own = datasetSql(ds);
      expect(referencedParams(twin).sort(), key).toEqual(referencedParams(own).sort());
      const params = pickParams(own, filterParams(filters));
      const a = await core.engine.query(own, { params });
      const b = await core.engine.query(twin, { params });
      expect(b.columns, key).toEqual(a.columns);
      expect(a.rows.length, key).toBeGreaterThan(0);
      expect(b.rows, key).toEqual(a.rows);
    }
  });

  it('the warehouse target sends the twin, and it gives the local numbers', async () => {
    for (const [key] of datasetTwins()) {
      const { dashboard, ds } = datasets.find((d) => d.key === key)!;
      const local = await core.dashboards.runDataset(dashboard.id, ds.name, filters);
      const remote = await core.dashboards.runDataset(dashboard.id, ds.name, filters, undefined, profileId);
      const sent = emulator.statements.at(-1) ?? '';
      expect(sent, key).toMatch(/percentile_cont\(0\.95\) WITHIN GROUP/);
      expect(sent, key).not.toMatch(/quantile_cont|arg_max|\$[a-z]/);
      expect(numeric(remote.rows), key).toEqual(numeric(local.rows));
    }
  });

  it('sends the twins with the definition, for the SQL shown on a warehouse target', () => {
    expect(Object.keys(core.dashboards.get('technical-performance').databricksSql ?? {}).sort()).toEqual(['by_processor', 'daily', 'kpis']);
    expect(core.dashboards.get('executive-overview').databricksSql).toEqual({});
  });
});

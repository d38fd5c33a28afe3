import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBundle, encodeBundle } from '../../../../src/core/bundles/format';
import type { Dashboard } from '../../../../src/shared/dashboards/definition';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
const FILTERS = { dateFrom: '2026-03-02', dateTo: '2026-03-31', cardNetwork: null, merchantSegment: null, country: null };

const HOSTILE: [string, string, RegExp][] = [
  ['read_csv', "SELECT * FROM read_csv('/etc/passwd')", /read_csv\(\) is not allowed/],
  ['a file path as a table', "SELECT * FROM '/etc/passwd'", /Reading files or URLs/],
  ['read_text in a CTE', "WITH x AS (SELECT * FROM read_text('/etc/hostname')) SELECT * FROM x", /read_text\(\) is not allowed/],
  ['glob', "SELECT * FROM glob('/etc/*')", /glob\(\) is not allowed/],
  ['COPY to a file', "COPY (SELECT 1) TO '/tmp/medallion-evil.csv'", /Only a read-only query .* COPY is not allowed/],
  ['ATTACH', "ATTACH '/tmp/medallion-evil.duckdb' AS evil", /Only a read-only query .* ATTACH is not allowed/],
  ['INSTALL', 'INSTALL httpfs', /INSTALL is not allowed/],
  ['LOAD', 'LOAD httpfs', /LOAD is not allowed/],
  ['CREATE TABLE', 'CREATE TABLE evil AS SELECT 1', /CREATE TABLE is not allowed/],
  ['two statements', 'SELECT 1; DROP TABLE payments_enriched_silver', /Only one statement can run here, and this SQL has 2/],
  ['SET', 'SET enable_external_access = true', /SET is not allowed/],
  ['a table function', 'SELECT * FROM duckdb_settings()', /duckdb_settings\(\) is not allowed/],
  ['a table outside the bundle', 'SELECT * FROM duckdb_tables', /no table or view called "duckdb_tables"/],
];

describe('a bundle with hostile SQL', () => {
  let source: TestCore;
  let viewer: TestCore;
  let bundleId: string;

  beforeAll(async () => {
    source = await createTestCore();
    viewer = await createTestCore();
    await createMiniSilver(source.engine, 500);
    const clean = join(source.dir, 'clean.mdash');
    await source.bundles.create({ dashboardId: 'daily-trends', filters: FILTERS, outPath: clean });
    // An attacker edits the dashboard and recomputes every checksum: only the SQL gate and the sandbox stand in the way.
    const decoded = decodeBundle(readFileSync(clean));
    const dashboard = structuredClone(decoded.manifest.dashboard) as Dashboard;
    dashboard.datasets.push(...HOSTILE.map(([, sql], i) => ({ name: `evil_${i}`, sql: [sql] })));
    const evil = join(source.dir, 'evil.mdash');
    writeFileSync(evil, encodeBundle({ ...decoded.manifest, dashboard }, Buffer.from(decoded.payload)));
    bundleId = (await viewer.bundles.open(evil)).bundleId;
  });
  afterAll(async () => {
    await source.dispose();
    await viewer.dispose();
  });

  it.each(HOSTILE.map((h, i) => [h[0], i, h[2]] as const))('blocks %s with a message saying which', async (_name, i, message) => {
    const run = viewer.dashboards.runDataset(`bundle:${bundleId}`, `evil_${i}`, FILTERS);
    await expect(run).rejects.toThrow(message);
    await expect(run).rejects.toThrow(/^This bundle's SQL \(.+\) was refused: /);
    await expect(run).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a manifest whose column types smuggle SQL into the loader', async () => {
    const decoded = decodeBundle(readFileSync(join(source.dir, 'clean.mdash')));
    const tables = decoded.manifest.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c, i) => (i === 0 ? { ...c, type: "VARCHAR); COPY (SELECT 1) TO '/tmp/x.csv'; --" } : c)),
    }));
    const path = join(source.dir, 'smuggle.mdash');
    writeFileSync(path, encodeBundle({ ...decoded.manifest, tables }, Buffer.from(decoded.payload)));
    await expect(viewer.bundles.open(path)).rejects.toThrow(/declares a column type this app does not load/);
  });

  it('still runs its honest datasets', async () => {
    const r = await viewer.dashboards.runDataset(`bundle:${bundleId}`, 'daily', FILTERS);
    expect(r.rows.length).toBeGreaterThan(20);
  });

  it('is locked down at the engine too, whatever the gate lets through', async () => {
    const engine = viewer.bundles.sandbox(bundleId)!;
    await expect(engine.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/Permission|disabled/i);
    await expect(engine.run("COPY (SELECT 1) TO '/tmp/medallion-evil.csv'")).rejects.toThrow(/Permission|disabled/i);
    await expect(engine.run('SET enable_external_access = true')).rejects.toThrow(/locked|Cannot/i);
    await expect(engine.run("SET memory_limit = '64GB'")).rejects.toThrow(/locked/i);
    await expect(engine.run('CREATE TABLE evil AS SELECT 1')).rejects.toThrow(/read-only/i);
  });
});

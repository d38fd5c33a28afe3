import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { toLakeview } from '../../../../src/core/dashboards/lakeview';
import { Engine } from '../../../../src/core/engine/engine';
import { defaultFilters, type Filters } from '../../../../src/shared/dashboards/filters';
import { AppError } from '../../../../src/shared/errors';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';
import { startWarehouseEmulator, type WarehouseEmulator } from '../../../support/warehouse-emulator';

/*
 * An imported Lakeview dashboard run on a warehouse profile: its datasets and drill conditions
 * are someone else's SQL, and the warehouse's grants may allow a DELETE. The Databricks policy of
 * the gate judges them before anything is sent.
 */
const EVIL_DATASETS: [string, string][] = [
  ['delete', 'DELETE FROM payments_enriched_silver WHERE true'],
  ['drop', 'DROP TABLE payments_enriched_silver'],
  ['two statements', 'SELECT 1; DELETE FROM payments_enriched_silver'],
  ['secret', "SELECT secret('payments', 'token') AS s"],
  ['try_secret in a CTE', "WITH s AS (SELECT try_secret('payments', 'token') AS t) SELECT t FROM s"],
  ['http_request', "SELECT http_request(conn => 'x', method => 'GET', path => '/') AS r"],
  ['ai_query', "SELECT ai_query('databricks-meta-llama', merchant_name) FROM payments_enriched_silver"],
  ['ai_summarize in a subquery', 'SELECT (SELECT ai_summarize(max(merchant_name)) FROM payments_enriched_silver) AS s'],
  ['read_files', "SELECT * FROM read_files('s3://bucket/payments/')"],
  ['system tables', 'SELECT * FROM system.access.audit'],
  ['another catalog', 'SELECT * FROM other_catalog.default.payments_enriched_silver'],
  ['another schema', 'SELECT * FROM information_schema.tables'],
  ['reflect', "SELECT reflect('java.lang.System', 'getenv', 'HOME') AS h"],
  ['a function Databricks adds later', 'SELECT brand_new_function(amount) FROM payments_enriched_silver'],
];

describe('imported dashboards on a warehouse profile go through the Databricks policy of the gate', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let emulator: WarehouseEmulator;
  let profileId: string;
  let importedId: string;
  let filters: Filters;
  const remoteCount = async () =>
    Number((await core.warehouse.query({ profileId, sql: 'SELECT count(*) FROM payments_enriched_silver' } as never)).rows[0]?.[0]);

  beforeAll(async () => {
    core = await createTestCore();
    await createMiniSilver(core.engine, 400);
    const remotePath = join(core.dir, 'warehouse.duckdb');
    const remote = await Engine.open({ path: remotePath, threads: 1 });
    await createMiniSilver(remote, 400);
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

    // A real Lakeview export of a built-in dashboard, then edited the way an attacker would.
    const doc = toLakeview(BUILTIN_DASHBOARDS.find((d) => d.id === 'executive-overview')!) as {
      datasets: { name: string; queryLines: string[] }[];
      pages: { layout: { widget: { name: string; medallion?: { drill?: { where?: string } } } }[] }[];
    };
    doc.datasets.push(...EVIL_DATASETS.map(([, sql], i) => ({ name: `evil_${i}`, queryLines: [sql] })));
    doc.datasets.push({ name: 'fine', queryLines: ['SELECT count(*) AS n FROM payments_enriched_silver WHERE amount > 0'] });
    const drilled = doc.pages.flatMap((p) => p.layout).filter((l) => l.widget.medallion?.drill);
    drilled[0]!.widget.medallion!.drill!.where = "card_network IN (SELECT secret('payments', 'token'))";
    drilled[1]!.widget.medallion!.drill!.where = 'true) OR EXISTS (SELECT 1 FROM system.access.audit';
    const imported = await core.dispatcher.dispatch('dashboards.importLakeview', {
      fileName: 'evil.lvdash.json',
      content: JSON.stringify(doc),
    });
    if (!imported.ok) throw new Error(imported.error.message);
    importedId = (imported.data as { id: string }).id;
    filters = defaultFilters('last_30_days', await core.dashboards.filterOptions(importedId));
  }, 120_000);
  afterAll(async () => {
    await core?.dispose();
    await emulator?.close();
  });

  it.each(EVIL_DATASETS.map(([label, sql], i) => [label, sql, i] as const))(
    'refuses a dataset with %s before it reaches the warehouse',
    async (_label, sql, i) => {
      const before = await remoteCount();
      const sent = emulator.statements.length;
      const error = await core.dashboards.runDataset(importedId, `evil_${i}`, filters, undefined, profileId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('FORBIDDEN');
      expect((error as AppError).message).toMatch(/imported dashboard .* was refused/);
      // Only the profile's catalog is read (to know its relations); the dataset's statement is never sent.
      expect(emulator.statements.slice(sent).filter((s) => s.includes(sql.slice(0, 24)))).toEqual([]);
      expect(await remoteCount()).toBe(before);
    },
  );

  it('runs a harmless imported dataset on the warehouse', async () => {
    const r = await core.dashboards.runDataset(importedId, 'fine', filters, undefined, profileId);
    expect(Number(r.rows[0]?.[0])).toBe(await remoteCount());
  });

  it('refuses drill conditions that call secret() or read system tables, on the warehouse and locally', async () => {
    const layout = core.dashboards.open(importedId).definition.widgets.filter((w) => 'drill' in w && w.drill);
    for (const widget of layout.slice(0, 2)) {
      const sent = emulator.statements.length;
      const input = { id: importedId, widgetId: widget.id, filters, offset: 0, limit: 10 };
      const remote = await core.dashboards.drill({ ...input, profileId }).catch((e: unknown) => e);
      expect((remote as AppError).code, widget.id).toBe('FORBIDDEN');
      expect(emulator.statements.slice(sent).some((s) => /secret|system\.access/i.test(s))).toBe(false);
      const local = await core.dashboards.drill(input).catch((e: unknown) => e);
      expect((local as AppError).code, widget.id).toBe('FORBIDDEN');
    }
  });

  it('still drills into an imported widget whose condition is plain', async () => {
    const widget = core.dashboards.open(importedId).definition.widgets.filter((w) => 'drill' in w && w.drill)[2]!;
    const page = await core.dashboards.drill({ id: importedId, widgetId: widget.id, filters, offset: 0, limit: 5, profileId });
    expect(page.rows.length).toBeGreaterThan(0);
  });
});

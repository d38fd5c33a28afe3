import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { Engine } from '../../../../src/core/engine/engine';
import { defaultFilters, type Filters } from '../../../../src/shared/dashboards/filters';
import { AppError } from '../../../../src/shared/errors';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';
import { startWarehouseEmulator, type WarehouseEmulator } from '../../../support/warehouse-emulator';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
const FIXTURE = { events: 8_000, days: 10, incidents: true } as const;

/**
 * Rows as numbers where they are numeric, so DECIMAL-as-text and DOUBLE compare by value, and
 * timestamps to the millisecond (the driver's row objects carry JavaScript Dates).
 */
const normalise = (rows: unknown[][]) =>
  rows.map((r) =>
    r.map((c) => {
      if (typeof c !== 'string') return c;
      if (/^-?\d+(\.\d+)?$/.test(c)) return Number(c);
      return c.replace(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3})\d+$/, '$1');
    }),
  );

describe('a dashboard switched to a warehouse profile (real driver, emulator over HTTPS)', () => {
  let core: TestCore;
  let emulator: WarehouseEmulator;
  let profileId: string;
  let filters: Filters;

  beforeAll(async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, FIXTURE);
    // The warehouse serves the same pipeline output from its own DuckDB file.
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
    filters = defaultFilters('last_7_days', await core.dashboards.filterOptions('executive-overview'));
  }, 120_000);
  afterAll(async () => {
    await core?.dispose();
    await emulator?.close();
  });

  it('Executive Overview: every dataset gives the local numbers, through the warehouse', async () => {
    const calls = emulator.calls.get('ExecuteStatement') ?? 0;
    const d = BUILTIN_DASHBOARDS.find((x) => x.id === 'executive-overview')!;
    for (const ds of d.datasets) {
      const local = await core.dashboards.runDataset(d.id, ds.name, filters);
      const remote = await core.dashboards.runDataset(d.id, ds.name, filters, undefined, profileId);
      expect(
        remote.columns.map((c) => c.name),
        ds.name,
      ).toEqual(local.columns.map((c) => c.name));
      expect(remote.rows.length, ds.name).toBeGreaterThan(0);
      expect(normalise(remote.rows), ds.name).toEqual(normalise(local.rows));
    }
    expect((emulator.calls.get('ExecuteStatement') ?? 0) - calls).toBe(d.datasets.length);
  });

  it.each(BUILTIN_DASHBOARDS.filter((d) => d.id !== 'executive-overview').map((d) => [d.title, d] as const))(
    '%s: the warehouse gives the local results',
    async (_title, d) => {
      for (const ds of d.datasets) {
        const local = await core.dashboards.runDataset(d.id, ds.name, filters);
        const remote = await core.dashboards.runDataset(d.id, ds.name, filters, undefined, profileId);
        expect(normalise(remote.rows), `${d.id}/${ds.name}`).toEqual(normalise(local.rows));
      }
    },
  );

  it('binds the dimension filters as parameters, NULL meaning all', async () => {
    const visa = { ...filters, cardNetwork: 'Visa' };
    const local = await core.dashboards.runDataset('executive-overview', 'kpis', visa);
    const remote = await core.dashboards.runDataset('executive-overview', 'kpis', visa, undefined, profileId);
    const all = await core.dashboards.runDataset('executive-overview', 'kpis', filters, undefined, profileId);
    expect(normalise(remote.rows)).toEqual(normalise(local.rows));
    expect(Number(remote.rows[0]![0])).toBeLessThan(Number(all.rows[0]![0]));
    // A value that would break string-built SQL is only ever a bound value.
    const hostile = await core.dashboards.runDataset(
      'executive-overview',
      'kpis',
      { ...filters, country: "x' OR '1'='1" },
      undefined,
      profileId,
    );
    expect(Number(hostile.rows[0]![0])).toBe(0);
  });

  it('says which dataset failed on which warehouse when the SQL does not run there', async () => {
    await emulator.instance.connect().then((c) => c.run('ALTER TABLE payments_enriched_silver RENAME TO silver_moved'));
    try {
      const error = await core.dashboards.runDataset('executive-overview', 'kpis', filters, undefined, profileId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('SQL_ERROR');
      expect((error as AppError).message).toMatch(/Dataset "kpis" failed on the warehouse "Emulator"/);
      expect((error as AppError).message).toMatch(/payments_enriched_silver/);
    } finally {
      await emulator.instance.connect().then((c) => c.run('ALTER TABLE silver_moved RENAME TO payments_enriched_silver'));
    }
  });

  it('reads the filter choices from the warehouse silver table', async () => {
    const local = await core.dashboards.filterOptions('executive-overview');
    const remote = await core.dashboards.filterOptions('executive-overview', profileId);
    expect(remote).toEqual(local);
    expect(remote.maxDate).toMatch(/^2026-01-/);
    expect(remote.cardNetworks.length).toBeGreaterThan(2);
  });

  it('drills into the warehouse rows behind a chart point, a page at a time, and hands over Databricks SQL', async () => {
    const input = { id: 'decline-analysis', widgetId: 'by_network', filters, value: 'Visa', offset: 0, limit: 50 };
    const local = await core.dashboards.drill(input);
    const sent = emulator.statements.length;
    const remote = await core.dashboards.drill({ ...input, profileId });
    expect(remote.total).toBe(local.total);
    expect(remote.total).toBeGreaterThan(50);
    expect(remote.columns.map((c) => c.name)).toEqual(local.columns.map((c) => c.name));
    expect(remote.rows).toHaveLength(50);
    const col = (name: string) => remote.columns.findIndex((c) => c.name === name);
    for (const row of remote.rows) {
      expect(row[col('card_network')]).toBe('Visa');
      expect(row[col('is_approved')]).toBe(false);
    }
    expect(remote.description).toBe(local.description);
    // The statements went to the warehouse with bound parameters; the SQL handed to the editor is Databricks SQL.
    const statements = emulator.statements.slice(sent).join('\n');
    expect(statements).toMatch(/CAST\(:drill_value AS STRING\)/);
    expect(statements).toMatch(/LIMIT 50 OFFSET 0/);
    expect(remote.sql).toMatch(/card_network = CAST\('Visa' AS STRING\)/);
    expect(remote.sql).toMatch(/event_date BETWEEN DATE '\d{4}-\d{2}-\d{2}'/);
    const next = await core.dashboards.drill({ ...input, offset: 50, profileId });
    const ids = new Set(remote.rows.map((r) => r[col('transaction_id')]));
    expect(next.rows.some((r) => !ids.has(r[col('transaction_id')]))).toBe(true);
    // A counter (no point clicked) drills into every row under the filters.
    const all = await core.dashboards.drill({
      id: 'executive-overview',
      widgetId: 'network_approval',
      filters,
      offset: 0,
      limit: 10,
      profileId,
    });
    const allLocal = await core.dashboards.drill({ id: 'executive-overview', widgetId: 'network_approval', filters, offset: 0, limit: 10 });
    expect(all.total).toBe(allLocal.total);
  });

  it('names the warehouse when its rows cannot be read', async () => {
    await emulator.instance.connect().then((c) => c.run('ALTER TABLE payments_enriched_silver RENAME TO silver_moved'));
    try {
      const error = await core.dashboards
        .drill({ id: 'decline-analysis', widgetId: 'by_network', filters, value: 'Visa', offset: 0, limit: 10, profileId })
        .catch((e: unknown) => e);
      expect((error as AppError).code).toBe('SQL_ERROR');
      expect((error as AppError).message).toMatch(/could not be read on the warehouse "Emulator"/);
    } finally {
      await emulator.instance.connect().then((c) => c.run('ALTER TABLE silver_moved RENAME TO payments_enriched_silver'));
    }
  });

  it('refuses an unknown profile and keeps local runs local', async () => {
    const error = await core.dashboards
      .runDataset('executive-overview', 'kpis', filters, undefined, 'no-such-profile')
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('NOT_FOUND');
    const r = await core.dispatcher.dispatch('dashboards.run', { id: 'executive-overview', dataset: 'kpis', filters, profileId });
    expect(r.ok).toBe(true);
  });
});

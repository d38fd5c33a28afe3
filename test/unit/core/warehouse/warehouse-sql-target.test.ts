import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../support/test-core';
import { startSeededWarehouse, type WarehouseTestContext } from '../../../support/warehouse-fixture';
import { call } from '../../../support/core-calls';

let core: Awaited<ReturnType<typeof createTestCore>>;
let wh: WarehouseTestContext;
let target: string;

beforeAll(async () => {
  core = await createTestCore();
  wh = await startSeededWarehouse(core.dir, { rows: 500 });
  target = `warehouse:${await wh.addProfile(core)}`;
});
afterAll(async () => {
  await core?.dispose();
  await wh?.emulator.close();
});

describe('the warehouse as a SQL page target', () => {
  it('is listed once its profile is saved, and disappears when deleted', async () => {
    const targets = await call(core, 'sqlwb.targets', {});
    expect(targets).toContainEqual({ id: target, label: 'Databricks · Emulator', kind: 'databricks' });
    const extra = await wh.addProfile(core, { name: 'Temporary' });
    expect((await call(core, 'sqlwb.targets', {})).map((t) => t.id)).toContain(`warehouse:${extra}`);
    await core.warehouse.deleteProfile(extra);
    expect((await call(core, 'sqlwb.targets', {})).map((t) => t.id)).not.toContain(`warehouse:${extra}`);
  });

  it('runs a statement with parameters, pages and sorts its result, and tags history with the target', async () => {
    const r = await call(core, 'sqlwb.execute', {
      target,
      sql: 'SELECT transaction_id, amount, event_date FROM events WHERE card_network = :net',
      params: { net: 'Visa' },
      pageSize: 20,
    });
    expect(r.columns).toEqual([
      { name: 'transaction_id', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(12,2)' },
      { name: 'event_date', type: 'DATE' },
    ]);
    expect(r.rows).toHaveLength(20);
    expect(r.hasMore).toBe(true);
    expect(r.resultId).toBeTruthy();
    expect((await call(core, 'sqlwb.count', { resultId: r.resultId! })).total).toBe(100);
    const page = await call(core, 'sqlwb.page', {
      resultId: r.resultId!,
      offset: 0,
      limit: 3,
      sort: [{ column: 'amount', desc: true }],
    });
    const amounts = page.rows.map((row) => Number(row[1]));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const history = await call(core, 'sqlwb.history', { target, limit: 10 });
    expect(history[0]).toMatchObject({ target, rowCount: 100, error: null });
  });

  it('feeds autocomplete with the warehouse catalog and Databricks functions', async () => {
    const catalog = await call(core, 'sqlwb.catalog', { target });
    expect(catalog.relations.map((r) => r.name)).toContain('v_card_network_performance');
    const functions = await call(core, 'sqlwb.functions', { target });
    expect(functions.map((f) => f.name)).toContain('format_string');
  });

  it('reports a warehouse error in the history', async () => {
    const r = await core.dispatcher.dispatch('sqlwb.execute', { target, sql: 'SELECT * FROM missing_table', pageSize: 10 });
    expect(r.ok).toBe(false);
    const history = await call(core, 'sqlwb.history', { target, limit: 1 });
    expect(history[0]!.error).toMatch(/missing_table/);
  });
});

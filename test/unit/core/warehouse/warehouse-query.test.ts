import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryResult } from '../../../../src/shared/api';
import { AppError } from '../../../../src/shared/errors';
import { call, rejection } from '../../../support/core-calls';
import { createTestCore } from '../../../support/test-core';
import { seedEvents, startSeededWarehouse, type WarehouseTestContext } from '../../../support/warehouse-fixture';

let core: Awaited<ReturnType<typeof createTestCore>>;
let wh: WarehouseTestContext;
let profileId: string;

beforeAll(async () => {
  core = await createTestCore();
  wh = await startSeededWarehouse(core.dir, { rows: 200 });
  profileId = await wh.addProfile(core);
});
afterAll(async () => {
  await core?.dispose();
  await wh?.emulator.close();
});

describe('warehouse.query against the emulator (real driver, HTTPS)', () => {
  it('returns every SPEC type and NULLs in the same shape as engine.query', async () => {
    await seedEvents(await core.engine.instance.connect(), 200);
    const sql = 'SELECT * FROM events ORDER BY transaction_id NULLS LAST LIMIT 5 OFFSET 196';
    const remote = await call(core, 'warehouse.query', { profileId, sql });
    const local = await call(core, 'engine.query', { sql });
    expect(QueryResult.safeParse(remote).success).toBe(true);
    expect(remote.columns.map((c) => c.type)).toEqual([
      'STRING',
      'TIMESTAMP',
      'STRING',
      'DECIMAL(12,2)',
      'BOOLEAN',
      'DOUBLE',
      'INT',
      'BIGINT',
      'DATE',
    ]);
    expect(remote.columns.map((c) => c.name)).toEqual(local.columns.map((c) => c.name));
    expect(remote.rows).toEqual(local.rows);
    expect(remote.rows[4]).toEqual([null, null, null, null, null, null, null, null, null]);
    expect(remote.rows[0]![7]).toBe('9007199254741189');
  });

  it('binds named parameters', async () => {
    const r = await call(core, 'warehouse.query', {
      profileId,
      sql: 'SELECT count(*) AS n FROM events WHERE card_network = :net AND amount >= :min AND is_approved = :ok',
      params: { net: 'Visa', min: 10.5, ok: true },
    });
    const l = await call(core, 'engine.query', {
      sql: 'SELECT count(*) AS n FROM events WHERE card_network = $net AND amount >= $min AND is_approved = $ok',
      params: { net: 'Visa', min: 10.5, ok: true },
    });
    expect(r.rows[0]![0]).toBe(l.rows[0]![0]);
    expect(Number(r.rows[0]![0])).toBeGreaterThan(0);
  });

  it('caps rows at maxRows with fetchChunk and says it truncated', async () => {
    const r = await call(core, 'warehouse.query', { profileId, sql: 'SELECT * FROM range(250000) t(i)', maxRows: 120_000 });
    expect(r.rowCount).toBe(120_000);
    expect(r.truncated).toBe(true);
    expect(r.rows[119_999]).toEqual([119_999]);
    const all = await call(core, 'warehouse.query', { profileId, sql: 'SELECT * FROM range(3) t(i)', maxRows: 3 });
    expect(all.truncated).toBe(false);
  });

  it('reports SQL errors with the warehouse message', async () => {
    const e = await rejection(call(core, 'warehouse.query', { profileId, sql: 'SELECT * FROM no_such_table' }));
    expect(e.code).toBe('SQL_ERROR');
    expect(e.message).toMatch(/no_such_table/);
  });

  it('cancels a long statement on the warehouse', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = core.dispatcher.dispatch(
      'warehouse.query',
      { profileId, sql: 'SELECT sum(hash(i)) FROM range(100000000000) t(i)' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 400);
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(wh.emulator.calls.get('CancelOperation')).toBeGreaterThanOrEqual(1);
  });

  it('stops a statement at its time limit', async () => {
    const started = Date.now();
    const e = await rejection(
      call(core, 'warehouse.query', { profileId, sql: 'SELECT sum(hash(i)) FROM range(100000000000) t(i)', timeoutMs: 1000 }),
    );
    expect(e.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('an error class the app has never seen', () => {
  it('reaches the user verbatim through the profile SqlTarget, and the next statement still runs', async () => {
    const target = await core.targets.resolve(profileId);
    expect(target.info.place).toBe('the warehouse "Emulator"');
    const failure = await target
      .query("SELECT error('[FUTURE_FEATURE_NOT_YET_NAMED] Something new went wrong. SQLSTATE: XX999')", { maxRows: 10, timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toMatch(/FUTURE_FEATURE_NOT_YET_NAMED.*Something new/s);
    const next = await target.query('SELECT 1 AS one', { maxRows: 1, timeoutMs: 10_000 });
    expect(next.rows).toEqual([[1]]);
  });
});

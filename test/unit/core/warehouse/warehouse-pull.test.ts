import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/shared/api';
import { createTestCore } from '../../../support/test-core';
import { startSeededWarehouse, type WarehouseTestContext } from '../../../support/warehouse-fixture';
import { call } from '../../../support/core-calls';

let core: Awaited<ReturnType<typeof createTestCore>>;
let wh: WarehouseTestContext;
let profileId: string;
/** Every pull job's job.progressed, in order. */
const progress: Job[] = [];

beforeAll(async () => {
  core = await createTestCore();
  wh = await startSeededWarehouse(core.dir, {
    rows: 100,
    init: async (c) => {
      const { seedEvents } = await import('../../../support/warehouse-fixture');
      await seedEvents(c, 100);
      await c.run(`CREATE TABLE wide AS SELECT i AS id, 9007199254740993 + i AS big, (i * 1.01)::DECIMAL(18,2) AS amount,
        12345678901234567890.123456::DECIMAL(38,6) AS huge, DATE '2026-01-01' + (i % 365)::INT AS d,
        TIMESTAMP '2026-01-01 00:00:00.123' + to_seconds(i) AS ts, 'row ' || i AS label, i % 2 = 0 AS flag,
        (i / 7.0)::DOUBLE AS ratio, (i % 100)::SMALLINT AS small FROM range(120000) t(i)`);
    },
  });
  profileId = await wh.addProfile(core);
  core.events.subscribe((name, payload) => {
    if (name === 'job.progressed' && (payload as Job).kind === 'warehouse.pull') progress.push(payload as Job);
  });
});
afterAll(async () => {
  await core?.dispose();
  await wh?.emulator.close();
});

describe('warehouse.browse and warehouse.catalog', () => {
  it('walks catalogs → schemas → tables → columns lazily', async () => {
    const catalogs = await call(core, 'warehouse.browse', { profileId });
    expect(catalogs.items.map((i) => i.name)).toContain('memory');
    const schemas = await call(core, 'warehouse.browse', { profileId, catalog: 'memory' });
    expect(schemas.items.map((i) => i.name)).toContain('main');
    const tables = await call(core, 'warehouse.browse', {
      profileId,
      catalog: 'memory',
      schema: 'main',
    });
    expect(tables.items).toContainEqual({ name: 'events', kind: 'table', type: 'TABLE', comment: 'payment events' });
    expect(tables.items).toContainEqual(expect.objectContaining({ name: 'v_card_network_performance', kind: 'view' }));
    const columns = await call(core, 'warehouse.browse', {
      profileId,
      catalog: 'memory',
      schema: 'main',
      table: 'events',
    });
    expect(columns.items.slice(0, 4).map((c) => [c.name, c.type])).toEqual([
      ['transaction_id', 'STRING'],
      ['event_timestamp', 'TIMESTAMP'],
      ['card_network', 'STRING'],
      ['amount', 'DECIMAL(12,2)'],
    ]);
  });

  it("gives the profile's schema in engine.catalog's shape", async () => {
    const cat = await call(core, 'warehouse.catalog', { profileId });
    expect(cat.database).toBe('memory');
    expect(cat.schemas).toEqual(['main']);
    const events = cat.relations.find((r) => r.name === 'events');
    expect(events?.columns.map((c) => c.name)).toContain('fraud_score');
    const bare = await wh.addProfile(core, { name: 'No default schema', catalog: undefined, schema: undefined });
    const asked = await call(core, 'warehouse.catalog', { profileId: bare });
    expect(asked).toMatchObject({ database: 'memory', schemas: ['main'] });
  });
});

describe('warehouse.pull', () => {
  it('copies a table with exact types, progress and provenance', async () => {
    progress.length = 0;
    const r = await call(core, 'warehouse.pull', {
      profileId,
      source: { kind: 'table', catalog: 'memory', schema: 'main', table: 'wide' },
      target: 'wide_local',
    });
    expect(r.rows).toBe(120_000);
    expect(r.reader).toBe('arrow');
    const types = await call(core, 'engine.query', {
      sql: "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'wide_local' ORDER BY ordinal_position",
    });
    expect(types.rows).toEqual([
      ['id', 'BIGINT'],
      ['big', 'BIGINT'],
      ['amount', 'DECIMAL(18,2)'],
      ['huge', 'DECIMAL(38,6)'],
      ['d', 'DATE'],
      ['ts', 'TIMESTAMP'],
      ['label', 'VARCHAR'],
      ['flag', 'BOOLEAN'],
      ['ratio', 'DOUBLE'],
      ['small', 'SMALLINT'],
    ]);
    const check = await call(core, 'engine.query', {
      sql: `SELECT count(*), max(big)::VARCHAR, sum(amount)::VARCHAR, min(huge)::VARCHAR, max(d)::VARCHAR, max(ts)::VARCHAR, count(DISTINCT label) FROM wide_local`,
    });
    expect(check.rows[0]).toEqual([
      120000,
      '9007199254860992',
      '7271939400.00',
      '12345678901234567890.123456',
      '2026-12-31',
      '2026-01-02 09:19:59.123',
      120000,
    ]);
    const mine = progress.filter((j) => j.key === 'warehouse.pull:wide_local');
    const done = mine.filter((j) => j.state === 'succeeded');
    expect(done).toHaveLength(1);
    expect(done[0]!.progress).toMatchObject({ done: 120_000, total: 120_000 });
    expect(done[0]!.progress.message).toContain('wide_local');
    expect(mine[0]).toMatchObject({ state: 'running', progress: { done: 0 } });
    expect(new Set(mine.map((j) => j.id)).size).toBe(1);
    const pulls = await call(core, 'warehouse.pulls', {});
    expect(pulls.pulls[0]).toMatchObject({
      table: 'wide_local',
      rows: 120_000,
      source: 'memory.main.wide',
      sql: 'SELECT * FROM `memory`.`main`.`wide`',
    });
  });

  it('gives the same table through the driver row API as through Arrow batches', async () => {
    const { pullToLocal } = await import('../../../../src/core/warehouse/pull');
    const profile = await core.warehouse.profiles.resolve(profileId);
    const sql = 'SELECT * FROM wide WHERE id % 7 = 0 UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL';
    const { DBSQLClient } = await import('@databricks/sql');
    const client = new DBSQLClient({ logger: { log: () => undefined } as never });
    await client.connect({
      host: wh.emulator.host,
      port: wh.emulator.port,
      path: wh.emulator.path,
      token: wh.emulator.token,
      customCaCert: wh.emulator.caCert,
      preserveBigNumericPrecision: true,
    } as never);
    const session = await client.openSession();
    try {
      for (const mode of ['rows', 'auto'] as const) {
        const r = await pullToLocal(session, core.engine, {
          profile,
          source: { kind: 'query', sql },
          target: `same_${mode}`,
          mode,
          onProgress: () => undefined,
        });
        expect(r.reader).toBe(mode === 'rows' ? 'rows' : 'arrow');
      }
    } finally {
      await session.close();
      await client.close();
    }
    const diff = await call(core, 'engine.query', {
      sql: 'SELECT (SELECT count(*) FROM (SELECT * FROM same_rows EXCEPT ALL SELECT * FROM same_auto)) + (SELECT count(*) FROM (SELECT * FROM same_auto EXCEPT ALL SELECT * FROM same_rows)), (SELECT count(*) FROM same_rows)',
    });
    expect(diff.rows[0]).toEqual([0, 17144]);
  });

  it('pulls a query result with parameters and refuses to overwrite without replace', async () => {
    const r = await call(core, 'warehouse.pull', {
      profileId,
      source: { kind: 'query', sql: 'SELECT * FROM events WHERE card_network = :net', params: { net: 'Amex' } },
      target: 'amex_events',
    });
    expect(r.rows).toBe(20);
    const again = await core.dispatcher.dispatch('warehouse.pull', {
      profileId,
      source: { kind: 'query', sql: 'SELECT 1 AS x' },
      target: 'amex_events',
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('CONFLICT');
    const replaced = await call(core, 'warehouse.pull', {
      profileId,
      source: { kind: 'query', sql: 'SELECT 1 AS x' },
      target: 'amex_events',
      replace: true,
    });
    expect(replaced.rows).toBe(1);
  });

  it('cancels mid-pull through jobs.cancel and leaves the local database as it was', async () => {
    const seen: number[] = [];
    const off = core.events.subscribe((name, payload) => {
      const j = payload as Job;
      if (name === 'job.progressed' && j.key === 'warehouse.pull:cancelled_pull' && j.state === 'running') {
        seen.push(j.progress.done);
        if (j.progress.done > 0) void core.dispatcher.dispatch('jobs.cancel', { id: j.id });
      }
    });
    const r = await core.dispatcher.dispatch('warehouse.pull', {
      profileId,
      source: { kind: 'query', sql: 'SELECT i, i * 2 AS j FROM range(3000000) t(i)' },
      target: 'cancelled_pull',
    });
    off();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    const left = await call(core, 'engine.query', {
      sql: "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'cancelled_pull%'",
    });
    expect(left.rows[0]![0]).toBe(0);
    expect(seen.some((n) => n > 0)).toBe(true);
    expect(progress.filter((j) => j.key === 'warehouse.pull:cancelled_pull').at(-1)?.state).toBe('cancelled');
  });
});

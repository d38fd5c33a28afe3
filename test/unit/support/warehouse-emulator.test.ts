import { DBSQLClient } from '@databricks/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWarehouseEmulator, type WarehouseEmulator } from '../../support/warehouse-emulator';

describe('warehouse emulator with the real driver', () => {
  let emu: WarehouseEmulator;
  beforeAll(async () => {
    emu = await startWarehouseEmulator({
      init: async (c) => {
        await c.run(`CREATE TABLE people (id INTEGER, name VARCHAR, amount DECIMAL(12,2), born DATE, seen TIMESTAMP, big BIGINT)`);
        await c.run(
          `INSERT INTO people VALUES (1, 'ann', 12.34, DATE '2020-01-02', TIMESTAMP '2024-01-02 03:04:05.123456', 9007199254740993), (2, NULL, NULL, NULL, NULL, NULL)`,
        );
        await c.run(`CREATE VIEW v_people AS SELECT * FROM people`);
      },
    });
  });
  afterAll(async () => emu?.close());

  async function connect(opts: Record<string, unknown> = {}) {
    const client = new DBSQLClient({ logger: { log: () => undefined } as never });
    await client.connect({ host: emu.host, port: emu.port, path: emu.path, token: emu.token, customCaCert: emu.caCert, ...opts } as never);
    return client;
  }

  it('runs a query through Arrow with exact decimals and dates', async () => {
    const client = await connect({ preserveBigNumericPrecision: true });
    const session = await client.openSession();
    const op = await session.executeStatement('SELECT * FROM people ORDER BY id');
    const rows = await op.fetchAll();
    await op.close();
    expect(rows[0]).toMatchObject({ id: 1, name: 'ann', amount: '12.34', big: 9007199254740993n });
    expect((rows[0] as { born: Date }).born).toBeInstanceOf(Date);
    expect(rows[1]).toEqual({ id: 2, name: null, amount: null, born: null, seen: null, big: null });
    const tables = await session.getTables({ schemaName: 'main' });
    const t = await tables.fetchAll();
    expect(t.map((r) => (r as { TABLE_NAME: string }).TABLE_NAME)).toEqual(['people', 'v_people']);
    await session.close();
    await client.close();
  });

  it('sends LZ4-compressed Arrow batches when the driver asks for them (CloudFetch off), and the driver decodes them', async () => {
    const client = await connect({ preserveBigNumericPrecision: true });
    const session = await client.openSession();
    const before = emu.calls.get('LZ4 results') ?? 0;
    const op = await session.executeStatement('SELECT * FROM people ORDER BY id', { useCloudFetch: false });
    const rows = await op.fetchAll();
    await op.close();
    expect(emu.calls.get('LZ4 results')).toBe(before + 1);
    expect(rows[0]).toMatchObject({ id: 1, name: 'ann', amount: '12.34', big: 9007199254740993n });
    const plain = await session.executeStatement('SELECT * FROM people ORDER BY id');
    expect(await plain.fetchAll()).toEqual(rows);
    expect(emu.calls.get('LZ4 results')).toBe(before + 1);
    await session.close();
    await client.close();
  });
});

describe('warehouse emulator, columnar results (older servers)', () => {
  it('serves Thrift columns with null bitmaps that the driver decodes', async () => {
    const emu = await startWarehouseEmulator({
      resultFormat: 'columnar',
      init: async (c) => {
        await c.run(`CREATE TABLE t AS SELECT * FROM (VALUES (1::TINYINT, 2::SMALLINT, 3, 4::BIGINT, 1.5::DOUBLE, 'x', true, DATE '2024-01-02', 12.5::DECIMAL(5,2)),
          (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)) v(a, b, c, d, e, f, g, h, i)`);
      },
    });
    try {
      const client = new DBSQLClient({ logger: { log: () => undefined } as never });
      await client.connect({ host: emu.host, port: emu.port, path: emu.path, token: emu.token, customCaCert: emu.caCert } as never);
      const session = await client.openSession();
      const op = await session.executeStatement('SELECT * FROM t ORDER BY a NULLS LAST');
      const rows = await op.fetchAll();
      await op.close();
      expect(rows).toEqual([
        { a: 1, b: 2, c: 3, d: 4, e: 1.5, f: 'x', g: true, h: '2024-01-02', i: 12.5 },
        { a: null, b: null, c: null, d: null, e: null, f: null, g: null, h: null, i: null },
      ]);
      await session.close();
      await client.close();
    } finally {
      await emu.close();
    }
  });
});

describe('warehouse emulator, CloudFetch results', () => {
  it('serves result files over HTTPS links that the driver downloads, and pulls read them as Arrow', async () => {
    const { createTestCore } = await import('../../support/test-core');
    const { pullToLocal } = await import('../../../src/core/warehouse/pull');
    const core = await createTestCore();
    const emu = await startWarehouseEmulator({
      resultFormat: 'cloudfetch',
      init: async (c) => {
        await c.run(
          `CREATE TABLE t AS SELECT i AS id, (i / 4)::DECIMAL(10,2) AS amount, DATE '2026-01-01' + (i % 30)::INT AS d FROM range(25000) t(i)`,
        );
      },
    });
    try {
      const client = new DBSQLClient({ logger: { log: () => undefined } as never });
      await client.connect({
        host: emu.host,
        port: emu.port,
        path: emu.path,
        token: emu.token,
        customCaCert: emu.caCert,
        preserveBigNumericPrecision: true,
      } as never);
      const session = await client.openSession();
      const op = await session.executeStatement('SELECT count(*) AS n, sum(amount) AS s FROM t');
      expect(await op.fetchAll()).toEqual([{ n: 25000n, s: '78121875.00' }]);
      await op.close();
      const profile = {
        id: 'cf',
        name: 'cf',
        host: `${emu.host}:${emu.port}`,
        httpPath: emu.path,
        warehouseId: null,
        catalog: null,
        schema: null,
        authType: 'pat' as const,
        clientId: null,
        oauthProvider: 'databricks' as const,
        azureTenantId: null,
        caCertPath: null,
        source: 'saved' as const,
        secret: emu.token,
      };
      for (const mode of ['auto', 'rows'] as const) {
        const r = await pullToLocal(session, core.engine, {
          profile,
          source: { kind: 'query', sql: 'SELECT * FROM t' },
          target: `cf_${mode}`,
          mode,
          onProgress: () => undefined,
        });
        expect(r).toMatchObject({ rows: 25000, reader: mode === 'auto' ? 'arrow' : 'rows' });
      }
      const diff = await core.engine.query('SELECT count(*) FROM (SELECT * FROM cf_auto EXCEPT ALL SELECT * FROM cf_rows)');
      expect(diff.rows[0]![0]).toBe(0);
      expect(emu.calls.get('GET /cloudfetch')).toBe(3);
      await session.close();
      await client.close();
    } finally {
      await emu.close();
      await core.dispose();
    }
  });
});

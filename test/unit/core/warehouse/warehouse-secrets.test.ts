import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/core/core';
import { startServer } from '../../../../src/server/http-server';
import { httpCaller } from '../../../support/http-caller';
import { createTestCore } from '../../../support/test-core';
import { startSeededWarehouse, type WarehouseTestContext } from '../../../support/warehouse-fixture';

let dirCore: Awaited<ReturnType<typeof createTestCore>>;
let core: Core;
let wh: WarehouseTestContext;
const logs: string[] = [];
const events: string[] = [];

beforeAll(async () => {
  dirCore = await createTestCore();
  core = await createCore({
    mode: 'browser',
    userDataDir: dirCore.dir,
    databasePath: ':memory:',
    warehouseLog: (level, m) => logs.push(`${level} ${m}`),
  });
  core.events.subscribe((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`));
  wh = await startSeededWarehouse(dirCore.dir, { rows: 50 });
});
afterAll(async () => {
  await core?.close();
  await dirCore?.dispose();
  await wh?.emulator.close();
});

describe('warehouse secrets', () => {
  it('never reach the API, logs, events, errors or the profiles file', async () => {
    const token = wh.emulator.token;
    const good = await wh.addProfile(core);
    const bad = await wh.addProfile(core, { name: 'Bad', secret: `${token}-revoked` });
    const outputs: unknown[] = [];
    const server = await startServer({ core, port: 0, token: 'test-token' });
    try {
      const callHttp = httpCaller(`http://127.0.0.1:${server.port}`, 'test-token');
      for (const [method, input] of [
        ['warehouse.listProfiles', {}],
        ['warehouse.testConnection', { profileId: good }],
        ['warehouse.testConnection', { profileId: bad }],
        ['warehouse.query', { profileId: good, sql: 'SELECT count(*) FROM events' }],
        ['warehouse.query', { profileId: bad, sql: 'SELECT 1' }],
        ['warehouse.query', { profileId: good, sql: 'SELECT * FROM missing_table' }],
        ['warehouse.pull', { profileId: good, source: { kind: 'query', sql: 'SELECT 1 AS x' }, target: 'x1' }],
        ['warehouse.pull', { profileId: bad, source: { kind: 'query', sql: 'SELECT 1 AS x' }, target: 'x2' }],
        ['warehouse.pulls', {}],
      ] as const) {
        outputs.push(await callHttp(method, input));
      }
    } finally {
      await server.close();
    }
    const listed = outputs[0] as { ok: true; data: { profiles: Record<string, unknown>[] } };
    expect(listed.data.profiles.find((p) => p.id === good)).toMatchObject({ hasSecret: true });
    expect(Object.keys(listed.data.profiles[0]!)).not.toContain('secret');
    expect((outputs[2] as { data: { verdict: string } }).data.verdict).toBe('token_rejected');
    const visible =
      JSON.stringify(outputs) + logs.join('\n') + events.join('\n') + readFileSync(join(dirCore.dir, 'warehouse-profiles.json'), 'utf8');
    expect(visible).not.toContain(token);
    expect(logs.length).toBeGreaterThan(0);
    // The secret is stored, owner-only.
    const secretsFile = join(dirCore.dir, 'secrets.json');
    expect(readFileSync(secretsFile, 'utf8')).toContain(token);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(wh.emulator.authHeaders).toContain(`Bearer ${token}`);
  });

  it('reads the DATABRICKS_* environment as a read-only profile', async () => {
    const envCore = await createCore({
      mode: 'cli',
      userDataDir: join(dirCore.dir, 'env'),
      databasePath: ':memory:',
      warehouseLog: () => undefined,
    });
    try {
      const store = new (await import('../../../../src/core/warehouse/profiles')).ProfileStore(
        join(dirCore.dir, 'env', 'p.json'),
        envCore.secrets,
        {
          DATABRICKS_HOST: `https://${wh.emulator.host}:${wh.emulator.port}/`,
          DATABRICKS_WAREHOUSE_ID: 'abc123',
          DATABRICKS_TOKEN: wh.emulator.token,
          DATABRICKS_CATALOG: 'memory',
          DATABRICKS_SCHEMA: 'main',
        },
      );
      const [env] = await store.list();
      expect(env).toMatchObject({
        id: 'env',
        host: `${wh.emulator.host}:${wh.emulator.port}`,
        httpPath: '/sql/1.0/warehouses/abc123',
        catalog: 'memory',
        hasSecret: true,
        source: 'env',
      });
      expect(JSON.stringify(env)).not.toContain(wh.emulator.token);
      await expect(store.delete('env')).rejects.toThrow(/DATABRICKS_/);
    } finally {
      await envCore.close();
    }
  });
});

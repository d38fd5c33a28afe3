import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionVerdict } from '../../../../src/shared/api';
import { createTestCore } from '../../../support/test-core';
import { startSeededWarehouse, type WarehouseTestContext } from '../../../support/warehouse-fixture';

let core: Awaited<ReturnType<typeof createTestCore>>;
let wh: WarehouseTestContext;
let profileId: string;

beforeAll(async () => {
  core = await createTestCore();
  wh = await startSeededWarehouse(core.dir, { rows: 20 });
  profileId = await wh.addProfile(core);
});
afterAll(async () => {
  await core?.dispose();
  await wh?.emulator.close();
});

async function verdictFor(overrides: Record<string, unknown>): Promise<ConnectionVerdict> {
  const id = await wh.addProfile(core, overrides);
  return core.warehouse.testConnection(id);
}

/** A TCP port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('warehouse.testConnection verdicts', () => {
  it('says OK with the server version and latency', async () => {
    const v = await core.warehouse.testConnection(profileId);
    expect(v).toMatchObject({ ok: true, verdict: 'ok' });
    expect(v.serverVersion).toMatch(/emulator/);
    expect(v.latencyMs).toBeGreaterThan(0);
  });

  it('says the token was rejected on HTTP 401', async () => {
    const v = await verdictFor({ secret: 'dapi-wrong-token-0000' });
    expect(v.verdict).toBe('token_rejected');
    expect(v.message).toMatch(/rejected the credentials \(HTTP 401\)/);
    expect(v.message).not.toContain('dapi-wrong-token-0000');
  });

  it('says the HTTP path is wrong on 404', async () => {
    const v = await verdictFor({ httpPath: '/sql/1.0/warehouses/nope' });
    expect(v.verdict).toBe('wrong_path');
    expect(v.message).toContain('/sql/1.0/warehouses/nope');
  });

  it('tells a 403 (permission or network policy) apart from a 401 (bad or expired token)', async () => {
    wh.emulator.addFault({ method: 'OpenSession', status: 403, times: 1 });
    const forbidden = await core.warehouse.testConnection(profileId);
    const expired = await verdictFor({ secret: 'dapi-expired-token' });
    expect(forbidden.message).toMatch(/HTTP 403.*CAN USE.*IP access list/s);
    expect(expired.message).toMatch(/HTTP 401.*expired/s);
    expect(forbidden.message).not.toMatch(/expired/);
  });

  it('waits for a starting warehouse (503 + Retry-After), with progress, then connects', async () => {
    const before = wh.emulator.calls.get('OpenSession') ?? 0;
    wh.emulator.startFor(2_500, 1);
    const progress: string[] = [];
    const { testConnection } = await import('../../../../src/core/warehouse/test-connection');
    const profile = {
      id: 'starting',
      name: 'Starting',
      host: `${wh.emulator.host}:${wh.emulator.port}`,
      httpPath: wh.emulator.path,
      warehouseId: null,
      catalog: 'memory',
      schema: 'main',
      authType: 'pat',
      clientId: null,
      oauthProvider: 'databricks',
      azureTenantId: null,
      caCertPath: wh.caFile,
      source: 'saved',
      secret: wh.emulator.token,
    } as const;
    const v = await testConnection(
      profile,
      { protectedAtRest: true, get: async () => undefined, set: async () => undefined, delete: async () => undefined } as never,
      () => undefined,
      { onWarehouseStarting: (p) => progress.push(p.message) },
    );
    expect(v.verdict).toBe('ok');
    expect((wh.emulator.calls.get('OpenSession') ?? 0) - before).toBeGreaterThanOrEqual(3);
    expect(progress[0]).toMatch(/"Starting" is starting; waiting 1 s more \(0 s so far/);
  });

  it('tells the user a starting warehouse is being waited for (warehouse.starting events), then runs the statement', async () => {
    const id = await wh.addProfile(core, { name: 'Auto-start' });
    const seen: { state: string; waitedSeconds: number; message: string }[] = [];
    const off = core.events.subscribe((name, payload) => {
      if (name === 'warehouse.starting') seen.push(payload as (typeof seen)[number]);
    });
    wh.emulator.startFor(2_500, 1);
    try {
      const r = await core.warehouse.query({ profileId: id, sql: 'SELECT 42 AS answer' } as never);
      expect(r.rows).toEqual([[42]]);
    } finally {
      off();
    }
    const waits = seen.filter((e) => e.state === 'waiting');
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits[0]!.message).toMatch(/"Auto-start" is starting; waiting 1 s more \(\d+ s so far, up to 360 s\)/);
    expect(waits.at(-1)!.waitedSeconds).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toMatchObject({ state: 'ready', profileName: 'Auto-start' });
  });

  it('says the warehouse is stopped on 503', async () => {
    wh.emulator.setRunning(false);
    try {
      const v = await core.warehouse.testConnection(profileId);
      expect(v.verdict).toBe('warehouse_stopped');
    } finally {
      wh.emulator.setRunning(true);
    }
  });

  it('says TLS failed when the certificate is not trusted', async () => {
    const v = await verdictFor({ caCertPath: undefined });
    expect(v.verdict).toBe('tls');
    expect(v.message).toMatch(/certificate/);
  });

  it('says unreachable quickly when nothing listens', async () => {
    const port = await closedPort();
    const started = Date.now();
    const v = await verdictFor({ host: `127.0.0.1:${port}` });
    expect(v.verdict).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('says unreachable within the socket timeout when the server hangs', async () => {
    const slow = await createTestCore();
    try {
      const tuned = await (
        await import('../../../../src/core/core')
      ).createCore({
        mode: 'cli',
        userDataDir: slow.dir,
        databasePath: ':memory:',
        warehouseTuning: { socketTimeoutMs: 800 },
      });
      try {
        const id = await wh.addProfile(tuned);
        wh.emulator.addFault({ method: 'OpenSession', delayMs: 5_000, times: 1 });
        const started = Date.now();
        const v = await tuned.warehouse.testConnection(id);
        expect(v.verdict).toBe('unreachable');
        expect(Date.now() - started).toBeLessThan(3_000);
      } finally {
        wh.emulator.clearFaults();
        await tuned.close();
      }
    } finally {
      await slow.dispose();
    }
  });

  it('says a profile without a token has no secret', async () => {
    const id = await wh.addProfile(core, { secret: undefined, name: 'No token' });
    const v = await core.warehouse.testConnection(id);
    expect(v.verdict).toBe('no_secret');
  });
});

describe('driver retries and dropped connections', () => {
  it('retries a 503 on a metadata call transparently', async () => {
    const before = wh.emulator.calls.get('GetTables') ?? 0;
    wh.emulator.addFault({ method: 'GetTables', status: 503, times: 1 });
    const r = await core.dispatcher.dispatch('warehouse.browse', { profileId, catalog: 'memory', schema: 'main' });
    expect(r.ok).toBe(true);
    expect((wh.emulator.calls.get('GetTables') ?? 0) - before).toBe(2);
  });

  it('reopens a session the warehouse forgot, transparently', async () => {
    expect((await core.dispatcher.dispatch('warehouse.query', { profileId, sql: 'SELECT 1 AS x' })).ok).toBe(true);
    const opened = wh.emulator.calls.get('OpenSession') ?? 0;
    wh.emulator.expireSessions();
    const r = await core.dispatcher.dispatch('warehouse.query', { profileId, sql: 'SELECT 2 AS x' });
    expect(r).toMatchObject({ ok: true, data: { rows: [[2]] } });
    expect(wh.emulator.calls.get('OpenSession')).toBe(opened + 1);
  });

  it('reports a dropped connection on ExecuteStatement as unreachable, and recovers', async () => {
    wh.emulator.addFault({ method: 'ExecuteStatement', drop: true, times: 1 });
    const r = await core.dispatcher.dispatch('warehouse.query', { profileId, sql: 'SELECT 1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNAVAILABLE');
    const again = await core.dispatcher.dispatch('warehouse.query', { profileId, sql: 'SELECT 1 AS x' });
    expect(again.ok).toBe(true);
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../../src/core/host/engine-host';
import { forkLauncher } from '../../../../src/core/host/fork-launcher';
import type { SecretStore } from '../../../../src/core/ports';
import type { EventName } from '../../../../src/shared/api';
import { ROOT, runCli } from '../../../support/cli';

const CHILD = join(ROOT, 'out', 'cli', 'engine-child.js');
let dir: string;
let host: EngineHost;
const events: Array<{ name: EventName; payload: unknown }> = [];

beforeAll(async () => {
  // bin/medallion.cjs rebuilds out/cli (the CLI and its engine child) when the sources are newer.
  expect((await runCli(['--version'])).code).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'medallion-host-'));
  host = await EngineHost.start({
    launch: forkLauncher(CHILD),
    init: { mode: 'cli', databasePath: join(dir, 'engine.duckdb'), userDataDir: dir, threads: 2, memoryLimit: '256MB' },
    cancelGraceMs: 500,
  });
  host.events.subscribe((name, payload) => events.push({ name, payload }));
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = (sql: string, callId?: string) => host.dispatcher.dispatch('engine.query', { sql }, { callId });

describe('the engine in its own process', () => {
  it('answers calls from core in a child process, not this one', async () => {
    expect(host.pid).toBeGreaterThan(0);
    expect(host.pid).not.toBe(process.pid);
    expect(await query('SELECT 42 AS answer')).toMatchObject({ ok: true, data: { rows: [[42]] } });
  });

  it('survives the child being killed mid-query: typed error naming the statement, restart, committed data intact', async () => {
    expect(await query('CREATE TABLE kept AS SELECT range AS i FROM range(1000)')).toMatchObject({ ok: true });
    const before = host.pid!;
    const running = query('SELECT count(*) FROM range(100000000000) a');
    await new Promise((r) => setTimeout(r, 400));
    process.kill(before, 'SIGKILL');
    const answer = await running;
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', details: { engineRestarted: true, reason: 'crashed', method: 'engine.query' } },
    });
    if (answer.ok) return;
    expect(answer.error.message).toContain('SELECT count(*) FROM range(100000000000) a');
    expect(answer.error.message).toContain('SIGKILL');

    expect(await query('SELECT count(*) AS n FROM kept')).toMatchObject({ ok: true, data: { rows: [[1000]] } });
    expect(host.pid).not.toBe(before);
    expect(host.restarts).toBe(1);
    const restarted = events.find((e) => e.name === 'engine.restarted');
    expect(restarted?.payload).toMatchObject({ reason: 'crashed', statement: expect.stringContaining('range(100000000000)') });
  }, 60_000);

  it('ends the worker when a cancelled statement ignores the interrupt, and answers CANCELLED', async () => {
    const before = host.pid;
    const started = Date.now();
    // levenshtein on 100k characters runs for tens of seconds and DuckDB checks no interrupt inside it.
    const stuck = query("SELECT levenshtein(repeat('a', 100000), repeat('b', 100000)) AS d", 'stuck-1');
    await new Promise((r) => setTimeout(r, 400));
    expect(await host.dispatcher.dispatch('app.cancel', { callId: 'stuck-1' })).toEqual({ ok: true, data: { cancelled: true } });
    const answer = await stuck;
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED', details: { reason: 'cancel-ignored' } } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(host.pid).not.toBe(before);
    expect(await query('SELECT count(*) FROM kept')).toMatchObject({ ok: true, data: { rows: [[1000]] } });
  }, 60_000);

  it('refuses to start a second engine on a database the first one holds, naming the lock', async () => {
    const second = EngineHost.start({
      launch: forkLauncher(CHILD),
      init: { mode: 'cli', databasePath: host.databasePath, userDataDir: dir },
    });
    await expect(second).rejects.toThrow(/lock/i);
    expect(await query('SELECT 2 AS still')).toMatchObject({ ok: true, data: { rows: [[2]] } });
  }, 60_000);

  it('keeps a memory-hungry untrusted query to the memory limit of one untrusted statement: it fails cleanly and the engine stays up', async () => {
    const before = host.pid;
    const answer = await host.dispatcher.dispatch('ask.run', { sql: 'SELECT len(list(i)) AS n FROM range(200000000) t(i)' });
    // A quarter of the engine's 256 MB.
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'SQL_ERROR',
        message: expect.stringMatching(/^Out of Memory: .*more than 61 MiB, the memory limit of one untrusted statement/),
      },
    });
    expect(host.pid).toBe(before);
    expect(await query('SELECT 1 AS up')).toMatchObject({ ok: true, data: { rows: [[1]] } });
  }, 60_000);
});

describe('host ports: secrets and dialogs stay in the host (the desktop keeps safeStorage in main)', () => {
  it('stores and reads a key through the host secret store; the child writes no secrets file', async () => {
    const kept = new Map<string, string>();
    const secrets: SecretStore = {
      protectedAtRest: true,
      get: async (key) => kept.get(key),
      set: async (key, value) => void kept.set(key, value),
      delete: async (key) => void kept.delete(key),
    };
    const home = mkdtempSync(join(tmpdir(), 'medallion-host-ports-'));
    const proxied = await EngineHost.start({
      launch: forkLauncher(CHILD),
      init: {
        mode: 'electron',
        databasePath: join(home, 'p.duckdb'),
        userDataDir: home,
        proxySecrets: { protectedAtRest: true },
        proxyDialogs: true,
      },
      secrets,
    });
    try {
      const saved = await proxied.dispatcher.dispatch('ask.saveSettings', { apiKey: 'sk-held-by-host-123' });
      expect(saved).toMatchObject({ ok: true, data: { hasKey: true, keyProtectedAtRest: true } });
      expect([...kept.values()]).toContain('sk-held-by-host-123');
      expect(existsSync(join(home, 'secrets.json'))).toBe(false);
      expect(readdirSync(home).join(' ')).not.toMatch(/secret/i);
    } finally {
      await proxied.close();
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);
});

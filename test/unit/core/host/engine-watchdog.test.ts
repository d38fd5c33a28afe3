import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineHost } from '../../../../src/core/host/engine-host';
import { forkLauncher } from '../../../../src/core/host/fork-launcher';

const STAND_IN = join(__dirname, '..', '..', '..', 'support', 'stand-in-engine-child.cjs');
const init = { mode: 'cli' as const, databasePath: '/nonexistent/stand-in.duckdb' };

describe('the engine host watchdog (with a stand-in child that misbehaves)', () => {
  it('ends and restarts a child whose event loop is stuck, and answers the call it was running', async () => {
    const host = await EngineHost.start({ launch: forkLauncher(STAND_IN), init, unresponsiveMs: 600 });
    const stuck = host.pid;
    const answer = await host.dispatcher.dispatch('hang', { sql: 'SELECT stuck()' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: { reason: 'unresponsive' } } });
    if (!answer.ok) expect(answer.error.message).toContain('SELECT stuck()');
    const next = await host.dispatcher.dispatch('ping.me', {});
    expect(next, JSON.stringify(next)).toEqual({ ok: true, data: { method: 'ping.me' } });
    expect(host.pid).not.toBe(stuck);
    await host.close();
  }, 30_000);

  it('ends a child whose statement ignores its time limit, answers TIMEOUT, and does not count that as a crash', async () => {
    const host = await EngineHost.start({ launch: forkLauncher(STAND_IN), init, cancelGraceMs: 100, maxRestartsPerMinute: 2 });
    for (let i = 0; i < 3; i++) {
      const before = host.pid;
      const answer = await host.dispatcher.dispatch('ignore-timeout', { sql: `SELECT slow(${i})` });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'TIMEOUT', details: { engineRestarted: true, reason: 'timeout-ignored' } },
      });
      if (!answer.ok) expect(answer.error.message).toContain(`SELECT slow(${i})" ran longer than its time limit of 100 ms`);
      expect(host.pid).not.toBe(before);
    }
    // Three ends on purpose, over a limit of two crashes a minute: the engine still serves.
    expect(await host.dispatcher.dispatch('ping.me', {})).toEqual({ ok: true, data: { method: 'ping.me' } });
    await host.close();
  }, 30_000);

  it('stops restarting a child that keeps crashing and says so', async () => {
    const host = await EngineHost.start({ launch: forkLauncher(STAND_IN), init, maxRestartsPerMinute: 2 });
    for (let i = 0; i < 3; i++)
      expect(await host.dispatcher.dispatch('exit', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const after = await host.dispatcher.dispatch('anything', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('crashed too often') } });
    await host.close();
  }, 30_000);
});

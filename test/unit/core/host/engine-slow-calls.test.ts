import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../../src/core/host/engine-host';
import { forkLauncher } from '../../../../src/core/host/fork-launcher';
import type { ApiResult } from '../../../../src/shared/errors';
import { ROOT, runCli } from '../../../support/cli';

const CHILD = join(ROOT, 'out', 'cli', 'engine-child.js');
/** The untrusted time limit of this suite's engine (an operator's ceiling, MEDALLION_UNTRUSTED_TIMEOUT_MS). */
const LIMIT_MS = 4000;
const GRACE_MS = 1500;

/**
 * One of the slowest calls the allowlist still permits: list_reduce concatenating 400,000 one-letter
 * strings copies the growing string each step (quadratic, about a minute on one core), inside one
 * scalar call that never checks DuckDB's interrupt.
 */
const SLOW = 'SELECT length(list_reduce((SELECT list(chr(97)) FROM range(400000)), (a, b) -> a || b)) AS n';

let dir: string;
let host: EngineHost;

beforeAll(async () => {
  expect((await runCli(['--version'])).code).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'medallion-slow-'));
  host = await EngineHost.start({
    launch: forkLauncher(CHILD, { env: { ...process.env, MEDALLION_UNTRUSTED_TIMEOUT_MS: String(LIMIT_MS) } }),
    init: { mode: 'cli', databasePath: join(dir, 'slow.duckdb'), userDataDir: dir, threads: 2 },
    cancelGraceMs: GRACE_MS,
  });
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('four slow untrusted calls and the app’s own statements', () => {
  it('answers an unrelated SELECT 42 promptly while four slow calls run, and ends the slow ones at their time limit', async () => {
    const before = host.pid;
    const started = Date.now();
    const slow = [1, 2, 3, 4].map(() => host.dispatcher.dispatch('ask.run', { sql: SLOW }));
    const settled: ApiResult<unknown>[] = [];
    slow.forEach((p, i) => void p.then((r) => (settled[i] = r)));
    // Let all four reach DuckDB before the app asks its own question.
    await new Promise((r) => setTimeout(r, 800));
    const asked = Date.now();
    const answer = await host.dispatcher.dispatch('engine.query', { sql: 'SELECT 42 AS answer' });
    const waited = Date.now() - asked;
    expect(answer).toMatchObject({ ok: true, data: { rows: [[42]] } });
    // Before: 21 s behind the slow calls. 3 s leaves a loaded 2-core machine plenty of margin.
    expect(waited).toBeLessThan(3000);
    expect(settled.filter(Boolean)).toHaveLength(0);

    const results = await Promise.all(slow);
    const elapsed = Date.now() - started;
    // Two run at once (the untrusted queue); they are cut at their time limit. The two still
    // waiting for a slot when the engine was ended answer that it restarted, naming why.
    const timedOut = results.filter((r) => !r.ok && r.error.code === 'TIMEOUT');
    expect(timedOut.length).toBeGreaterThanOrEqual(2);
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      if (r.error.code === 'TIMEOUT') expect(r.error.message).toMatch(/time limit of 4 s and did not stop/);
      else expect(r.error).toMatchObject({ code: 'UNAVAILABLE', details: { engineRestarted: true, reason: 'timeout-ignored' } });
    }
    // Cut by the time limit (plus the grace period and a restart), not after the minute they would take.
    expect(elapsed).toBeLessThan(LIMIT_MS + GRACE_MS + 20_000);
    expect(host.pid).not.toBe(before);
    expect(await host.dispatcher.dispatch('engine.query', { sql: 'SELECT 43 AS next' })).toMatchObject({
      ok: true,
      data: { rows: [[43]] },
    });
  }, 90_000);
});

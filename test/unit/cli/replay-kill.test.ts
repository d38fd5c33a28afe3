import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/engine/engine';
import { ROOT, runCli } from '../../support/cli';

const ARGS = ['--events', '45000', '--days', '2', '--seed', '11', '--start', '2026-03-01T00:00:00Z', '--batch-size', '1500'];
const DIGEST = `SELECT count(*), count(DISTINCT transaction_id), bit_xor(hash(transaction_id, event_timestamp, amount, is_approved, decline_reason))
  FROM payments_enriched_silver`;

/** Starts `medallion replay` and SIGKILLs it after `afterMs`; resolves when it is gone. */
function killAfter(db: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'medallion.cjs'), 'replay', '--db', db, ...ARGS], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function batchesIn(db: string): Promise<number> {
  if (!existsSync(db)) return 0;
  const engine = await Engine.open({ path: db });
  try {
    const exists = await engine.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'pipeline_batches'");
    if (Number(exists.rows[0]![0]) === 0) return 0;
    return Number((await engine.query('SELECT count(*) FROM pipeline_batches')).rows[0]![0]);
  } finally {
    engine.close();
  }
}

async function digest(db: string): Promise<unknown[]> {
  const engine = await Engine.open({ path: db });
  try {
    return (await engine.query(DIGEST)).rows[0]!;
  } finally {
    engine.close();
  }
}

describe('medallion replay is exactly-once under SIGKILL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends with every event in silver once after being killed at random points and rerun', async () => {
    const reference = join(dir, 'reference.duckdb');
    const clean = await runCli(['replay', '--db', reference, ...ARGS], { timeoutMs: 120_000 });
    expect(clean.code, clean.stderr).toBe(0);
    const expected = await digest(reference);
    expect(Number(expected[0])).toBeGreaterThan(44_000);

    const db = join(dir, 'killed.duckdb');
    const killedAt: number[] = [];
    const committed: number[] = [];
    let delay = 800;
    for (let i = 0; i < 5 && (committed.at(-1) ?? 0) < 30; i++) {
      const afterMs = delay + Math.floor(Math.random() * 600);
      killedAt.push(afterMs);
      await killAfter(db, afterMs);
      committed.push(await batchesIn(db));
      // Aim the next kill at the middle of what is left: later if nothing got committed yet.
      delay = committed.at(-1) === 0 ? delay * 2 : delay;
    }
    // At least one kill must have interrupted the run half-way, or the test proves nothing.
    expect(
      committed.some((n) => n > 0 && n < 30),
      `batches after each kill: ${committed.join(', ')}`,
    ).toBe(true);
    const resumed = await runCli(['replay', '--db', db, ...ARGS], { timeoutMs: 120_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await digest(db), `killed after ${killedAt.join(', ')} ms; batches ${committed.join(', ')}`).toEqual(expected);
    const summary = JSON.parse(resumed.stdout) as { silver: number; batches: number };
    expect(summary.batches).toBe(30);
    expect(summary.silver).toBe(Number(expected[0]));
  }, 300_000);
});

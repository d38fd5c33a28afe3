import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliRun } from '../../support/cli';

/** More than the schema writes: once the database's write-ahead log is this big, batches are being committed. */
const WORKING_WAL_BYTES = 1_000_000;

/**
 * Starts `medallion replay`, waits (polling, no fixed sleep) until it is committing batches, then
 * presses Ctrl-C (SIGINT); resolves with what the command printed and its exit code.
 */
function interruptWhileWorking(db: string, args: string[]): Promise<CliRun & { interrupted: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'medallion.cjs'), 'replay', '--db', db, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      const wal = `${db}.wal`;
      if (!interrupted && existsSync(wal) && statSync(wal).size > WORKING_WAL_BYTES) {
        interrupted = true;
        child.kill('SIGINT');
      }
    }, 50);
    const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(limit);
      resolve({ code, stdout, stderr, interrupted });
    });
  });
}

describe('medallion replay on Ctrl-C', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-replay-int-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('live: Ctrl-C stops the stream cleanly and prints its summary, exit code 0', async () => {
    const r = await interruptWhileWorking(join(dir, 'live.duckdb'), ['--rate', '3000', '--seed', '9']);
    expect(r.interrupted, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { mode: string; rate: number; runKey: string; events_generated: number; silver: number };
    expect(s).toMatchObject({ mode: 'live', rate: 3000, runKey: 'live:s9' });
    expect(s.events_generated).toBeGreaterThan(0);
    expect(s.silver).toBeGreaterThan(0);
  }, 150_000);

  it('backfill: Ctrl-C cancels the job with one line and exit code 1; a rerun resumes and finishes', async () => {
    const db = join(dir, 'backfill.duckdb');
    const args = ['--events', '120000', '--days', '2', '--seed', '4', '--start', '2026-02-01T00:00:00Z', '--batch-size', '3000'];
    const r = await interruptWhileWorking(db, args);
    expect(r.interrupted, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('error: The backfill was cancelled; run it again with the same settings to resume.');

    const rerun = await runCli(['replay', '--db', db, ...args], { timeoutMs: 150_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    const s = JSON.parse(rerun.stdout) as { batches: number; bronze: number; quarantined: Record<string, number> };
    expect(s.batches).toBe(40);
    expect(s.bronze).toBe(120_000 + (s.quarantined.duplicate ?? 0));
  }, 300_000);
});

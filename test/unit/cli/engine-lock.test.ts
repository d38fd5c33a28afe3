import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../support/cli';

const children: ChildProcess[] = [];

/** Starts a child and resolves once its stdout has printed `ready`. */
function startChild(args: string[], ready: RegExp): Promise<{ child: ChildProcess; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`child did not get ready: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ child, out });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

afterEach(async () => {
  for (const c of children.splice(0)) await stop(c);
});

describe('the CLI while another process holds the database', () => {
  it('talks to a running `medallion serve` over its handshake file (0600) for query and ask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medallion-lock-'));
    const db = join(dir, 'shared.duckdb');
    const server = await startChild([join(ROOT, 'bin', 'medallion.cjs'), 'serve', '--db', db], /running at/);
    const handshake = `${db}.engine.json`;
    expect(statSync(handshake).mode & 0o777).toBe(0o600);

    const q = await runCli(['query', 'SELECT 42 AS answer', '--db', db, '--format', 'json']);
    expect(q.stderr).toBe('');
    expect(q.code).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual({ columns: [{ name: 'answer', type: 'INTEGER' }], rows: [[42]] });

    // Written through the server, visible to it: one engine, one database.
    expect((await runCli(['query', 'CREATE TABLE notes AS SELECT 1 AS n', '--db', db])).code).toBe(0);
    const back = await runCli(['query', 'SELECT count(*) AS c FROM notes', '--db', db, '--format', 'json']);
    expect(JSON.parse(back.stdout).rows).toEqual([[1]]);

    const a = await runCli(['ask', 'How many transactions do we have?', '--db', db, '--json']);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toHaveProperty('answer');

    await stop(server.child);
    expect(existsSync(handshake)).toBe(false);
    // With the server gone the CLI opens the file itself again.
    const alone = await runCli(['query', 'SELECT count(*) AS c FROM notes', '--db', db, '--format', 'json']);
    expect(JSON.parse(alone.stdout).rows).toEqual([[1]]);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('says plainly which process holds the database when it cannot talk to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medallion-lock-'));
    const db = join(dir, 'held.duckdb');
    // Another program holding DuckDB's write lock (no handshake file).
    const script = `const { DuckDBInstance } = require('@duckdb/node-api');
      DuckDBInstance.create(${JSON.stringify(db)}).then(async (i) => { const c = await i.connect(); await c.run('CREATE TABLE t (x INT)'); console.log('held'); setInterval(() => {}, 1000); });`;
    const holder = await startChild(['-e', script], /held/);
    const r = await runCli(['query', 'SELECT 1', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`in use by process ${holder.child.pid}`);
    expect(r.stderr).toMatch(/--db PATH/);
    expect(r.stderr).not.toMatch(/IO Error|Could not set lock/);
    const a = await runCli(['ask', 'approval rate today', '--db', db]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`process ${holder.child.pid}`);
    await stop(holder.child);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

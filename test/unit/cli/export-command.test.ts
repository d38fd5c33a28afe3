// `medallion export databricks` as a user runs it: the bundle's files on success, one clear line
// on stderr and a non-zero exit for bad input.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'medallion-export-cli-'));
const db = join(dir, 'local.duckdb');

beforeAll(async () => {
  const replay = await runCli(['replay', '--db', db, '--events', '2000', '--days', '1', '--seed', '3'], { timeoutMs: 120_000 });
  expect(replay.code, replay.stderr).toBe(0);
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('medallion export databricks', () => {
  it('writes the bundle and prints what it wrote', async () => {
    const out = join(dir, 'bundle');
    const run = await runCli(['export', 'databricks', '--db', db, '--out', out, '--catalog', 'main', '--schema', 'payments']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { files: string[]; silverRows: number };
    expect(result.files).toContain('databricks.yml');
    expect(result.silverRows).toBeGreaterThan(1900);
    expect(existsSync(join(out, 'src/pipeline/transformations/gold/v_executive_kpis.sql'))).toBe(true);

    const again = await runCli(['export', 'databricks', '--db', db, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: .* is not empty: choose an empty folder, or replace the bundle's files there with --force\.$/u),
    ]);
  }, 60_000);

  it('refuses a schema that is not an identifier in one line, writing nothing', async () => {
    const out = join(dir, 'bad');
    const run = await runCli(['export', 'databricks', '--db', db, '--out', out, '--schema', 'pay ments']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'error: Schema "pay ments" is not an identifier: use letters, digits and underscores, not starting with a digit.',
    );
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('--force writes into a folder that is not empty, replacing the bundle files and leaving the others', async () => {
    const out = join(dir, 'kept');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const run = await runCli(['export', 'databricks', '--db', db, '--out', out, '--force']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { out: string }).out).toBe(out);
    expect(existsSync(join(out, 'databricks.yml'))).toBe(true);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  }, 60_000);
});

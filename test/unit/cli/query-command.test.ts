import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';

const db = join(mkdtempSync(join(tmpdir(), 'medallion-cli-')), 'cli.duckdb');

describe('medallion query', () => {
  it('prints SPEC §8 JSON', async () => {
    const r = await runCli(['query', "SELECT 42 AS answer, 'a,b' AS s", '--db', db, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      columns: [
        { name: 'answer', type: 'INTEGER' },
        { name: 's', type: 'VARCHAR' },
      ],
      rows: [[42, 'a,b']],
    });
  });

  it('prints CSV with quoting', async () => {
    const r = await runCli(['query', "SELECT 42 AS answer, 'a,b' AS s, NULL AS n", '--db', db, '--format', 'csv']);
    expect(r.stdout.trim()).toBe('answer,s,n\n42,"a,b",');
  });

  it('prints a table by default', async () => {
    const r = await runCli(['query', 'SELECT 42 AS answer', '--db', db]);
    expect(r.stdout).toContain('│ answer │');
    expect(r.stdout).toContain('│     42 │');
  });

  it('puts invalid SQL on stderr with the position and exits non-zero', async () => {
    const r = await runCli(['query', 'SELECT 1 FORM x', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: Parser Error: syntax error at or near "x"/);
    expect(r.stderr).toMatch(/line 1, column 15/);
  });

  it('refuses an unknown format', async () => {
    const r = await runCli(['query', 'SELECT 1', '--db', db, '--format', 'xml']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/format/);
  });

  it('keeps what it wrote in the database file', async () => {
    expect((await runCli(['query', 'CREATE OR REPLACE TABLE kept AS SELECT 7 AS v', '--db', db])).code).toBe(0);
    const r = await runCli(['query', 'SELECT v FROM kept', '--db', db, '--format', 'json']);
    expect(JSON.parse(r.stdout).rows).toEqual([[7]]);
  });
});

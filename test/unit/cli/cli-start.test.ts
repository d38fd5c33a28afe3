import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'medallion-start-'));
let recorded = 0;
const HEAVY = ['@duckdb/node-api', '@databricks/sql', 'openai', 'zod', 'ws'];

/** Runs the real CLI and returns the packages the process loaded. */
async function packagesLoadedBy(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string; loaded: string[] }> {
  const record = join(dir, `${args[0] ?? 'none'}-${++recorded}.txt`);
  writeFileSync(record, '');
  const hook = join(ROOT, 'test', 'support', 'record-requires.cjs');
  const r = await runCli(args, { env: { ...env, NODE_OPTIONS: `--require ${hook}`, MEDALLION_RECORD_REQUIRES: record } });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr, loaded: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

// Start-up time is what a user feels; what a command loads is what decides it (and does not flake on a busy machine).
describe('CLI start-up loads only what the command needs', () => {
  it('--version answers without loading DuckDB, the warehouse driver, the LLM client or the API schemas', async () => {
    const r = await packagesLoadedBy(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/u);
    expect(r.loaded.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('query "SELECT 42" loads DuckDB and nothing of the warehouse, the LLM client, the server or the API schemas', async () => {
    const r = await packagesLoadedBy(['query', 'SELECT 42 AS answer', '--db', join(dir, 'q.duckdb'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ columns: [{ name: 'answer', type: 'INTEGER' }], rows: [[42]] });
    expect(r.loaded).toContain('@duckdb/node-api');
    expect(r.loaded.filter((p) => HEAVY.includes(p) && p !== '@duckdb/node-api')).toEqual([]);
  });

  it('warehouse-only commands load no DuckDB and open no database; a pull still opens it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'medallion-home-'));
    const db = join(dir, 'never-opened.duckdb');
    const env = { MEDALLION_HOME: home };
    const profiles = await packagesLoadedBy(['warehouse', 'profiles', '--db', db], env);
    expect(profiles.code).toBe(0);
    expect(JSON.parse(profiles.stdout)).toEqual({ profiles: [], secretsProtected: expect.any(Boolean) });
    const query = await packagesLoadedBy(['warehouse', 'query', 'SELECT 1', '--profile', 'nowhere', '--db', db], env);
    expect(query.code).not.toBe(0);
    expect(query.stderr).toMatch(/No warehouse profile "nowhere"/u);
    for (const r of [profiles, query]) expect(r.loaded.filter((p) => p.startsWith('@duckdb/'))).toEqual([]);
    expect(existsSync(db)).toBe(false);
    const pull = await packagesLoadedBy(['warehouse', 'pull', 'a.b.c', '--into', 't', '--profile', 'nowhere', '--db', db], env);
    expect(pull.code).not.toBe(0);
    expect(pull.loaded).toContain('@duckdb/node-api');
    expect(existsSync(db)).toBe(true);
  });

  it('--help still lists every command', async () => {
    const r = await runCli(['--help']);
    for (const command of ['query', 'replay', 'serve', 'warehouse', 'agents', 'bundle', 'models', 'ask'])
      expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'mu'));
  });
});

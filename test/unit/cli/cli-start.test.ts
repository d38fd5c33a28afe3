import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'medallion-start-'));
const HEAVY = ['@duckdb/node-api', '@databricks/sql', 'openai', 'zod', 'ws'];

/** Runs the real CLI and returns the packages the process loaded. */
async function packagesLoadedBy(args: string[]): Promise<{ code: number | null; stdout: string; loaded: string[] }> {
  const record = join(dir, `${args[0] ?? 'none'}-${Date.now()}.txt`);
  writeFileSync(record, '');
  const hook = join(ROOT, 'test', 'support', 'record-requires.cjs');
  const r = await runCli(args, { env: { NODE_OPTIONS: `--require ${hook}`, MEDALLION_RECORD_REQUIRES: record } });
  return { code: r.code, stdout: r.stdout, loaded: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
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

  it('--help still lists every command', async () => {
    const r = await runCli(['--help']);
    for (const command of ['query', 'replay', 'serve', 'warehouse', 'agents', 'bundle', 'models', 'ask'])
      expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'mu'));
  });
});

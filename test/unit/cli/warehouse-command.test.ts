import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { startSeededWarehouse, type WarehouseTestContext } from '../../support/warehouse-fixture';

const dir = mkdtempSync(join(tmpdir(), 'medallion-cli-wh-'));
const db = join(dir, 'cli.duckdb');
let wh: WarehouseTestContext;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  wh = await startSeededWarehouse(dir, { rows: 30 });
  env = {
    MEDALLION_HOME: join(dir, 'home'),
    DATABRICKS_HOST: `https://${wh.emulator.host}:${wh.emulator.port}`,
    DATABRICKS_HTTP_PATH: wh.emulator.path,
    DATABRICKS_TOKEN: wh.emulator.token,
    DATABRICKS_CATALOG: 'memory',
    DATABRICKS_SCHEMA: 'main',
    DATABRICKS_CA_CERT: wh.caFile,
  };
});
afterAll(async () => wh?.emulator.close());

describe('medallion warehouse (DATABRICKS_* environment)', () => {
  it('tests the connection', async () => {
    const r = await runCli(['warehouse', 'test', '--db', db], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, verdict: 'ok' });
  });

  it('prints the token-rejected verdict on stderr with a non-zero exit', async () => {
    const r = await runCli(['warehouse', 'test', '--db', db], { env: { ...env, DATABRICKS_TOKEN: 'dapi-not-valid' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rejected the credentials/);
    expect(r.stdout + r.stderr).not.toContain('dapi-not-valid');
  });

  it('queries with parameters and prints SPEC §8 JSON', async () => {
    const r = await runCli(
      [
        'warehouse',
        'query',
        'SELECT count(*) AS n FROM events WHERE card_network = :net',
        '--param',
        'net=Visa',
        '--format',
        'json',
        '--db',
        db,
      ],
      { env },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ columns: [{ name: 'n', type: 'BIGINT' }], rows: [[6]] });
  });

  it('pulls a table into the local database with provenance', async () => {
    const r = await runCli(['warehouse', 'pull', 'memory.main.events', '--into', 'events_copy', '--db', db], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ table: 'events_copy', rows: 31 });
    const q = await runCli(['query', 'SELECT row_count, source FROM warehouse_pulls', '--db', db, '--format', 'json'], { env });
    expect(JSON.parse(q.stdout).rows).toEqual([[31, 'memory.main.events']]);
  });

  it('prints the Databricks DDL of the 19 gold views', async () => {
    const r = await runCli(['warehouse', 'ddl', '--catalog', 'main', '--schema', 'payments']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^USE CATALOG `main`;$/m);
    expect(r.stdout.match(/^CREATE OR REPLACE VIEW v_\w+ AS$/gm)).toHaveLength(19);
    expect(r.stdout).toContain('format_string(');
  });

  it('explains a bad table argument', async () => {
    const r = await runCli(['warehouse', 'pull', 'events', '--into', 'x', '--db', db], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/catalog\.schema\.table/);
  });
});

describe('medallion ask --warehouse', () => {
  it('asks on the warehouse profile and says plainly when it has no payments data', async () => {
    const r = await runCli(['ask', 'How many transactions by card network?', '--warehouse', 'env', '--json', '--db', db], { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { sql: string | null; answer: string; target: { kind: string; label: string } };
    expect(out.target).toMatchObject({ kind: 'warehouse', label: 'Databricks · Environment (DATABRICKS_*)' });
    expect(out.sql).toBeNull();
    expect(out.answer).toMatch(/The warehouse ".*" has no payments_enriched_silver in memory\.main/);
  });

  it('names an unknown profile', async () => {
    const r = await runCli(['ask', 'approval rate', '--warehouse', 'nope', '--db', db], { env });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/No warehouse profile "nope"/);
  });
});

describe('medallion warehouse profiles through the contract', () => {
  const home = { MEDALLION_HOME: join(dir, 'home-saved') };
  const savedDb = join(dir, 'saved.duckdb');

  it('refuses a profile without an HTTP path or warehouse id, naming the flag, and saves nothing', async () => {
    const r = await runCli(['warehouse', 'add', '--name', 'dev', '--host', 'adb-1.2.azuredatabricks.net', '--db', savedDb], { env: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--http-path: Enter the HTTP path or the warehouse id.');
    const listed = await runCli(['warehouse', 'profiles', '--db', savedDb], { env: home });
    expect(JSON.parse(listed.stdout)).toMatchObject({ profiles: [] });
  });

  it('adds, lists and removes a profile by name', async () => {
    const added = await runCli(
      [
        'warehouse',
        'add',
        '--name',
        'dev',
        '--host',
        'adb-1.2.azuredatabricks.net',
        '--http-path',
        '/sql/1.0/warehouses/abc',
        '--db',
        savedDb,
      ],
      { env: home },
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ profile: { name: 'dev', host: 'adb-1.2.azuredatabricks.net' } });
    const listed = await runCli(['warehouse', 'profiles', '--db', savedDb], { env: home });
    expect((JSON.parse(listed.stdout) as { profiles: { name: string }[] }).profiles.map((p) => p.name)).toEqual(['dev']);
    const removed = await runCli(['warehouse', 'remove', 'dev', '--db', savedDb], { env: home });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('deleted dev\n');
  });

  it('refuses a local table name that is not an identifier under --into', async () => {
    const r = await runCli(['warehouse', 'pull', 'main.payments.events', '--into', '1 bad', '--db', db], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--into: The local table name may use letters, digits and _');
  });
});

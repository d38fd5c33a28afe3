import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUntrustedSql, validateUntrustedSql } from '../../../../src/core/security/untrusted-sql';
import { AppError } from '../../../../src/shared/errors';
import { fillAskFixture } from '../../../support/ask/silver-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('untrusted SQL gate', () => {
  let core: TestCore;
  let scratch: string;
  let rowsBefore: number;

  beforeAll(async () => {
    core = await createTestCore({ file: true });
    await fillAskFixture(core.engine, { events: 2_000 });
    scratch = mkdtempSync(join(tmpdir(), 'gate-'));
    writeFileSync(join(scratch, 'secret.csv'), 'a,b\n1,2\n');
    rowsBefore = Number((await core.engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0]);
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function refusal(sql: string): Promise<AppError> {
    const error = await runUntrustedSql(core.engine, sql).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `expected "${sql}" to be refused`).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('runs a plain SELECT and a WITH query over the tables', async () => {
    const r = await runUntrustedSql(core.engine, 'SELECT card_network, count(*) n FROM payments_enriched_silver GROUP BY 1 ORDER BY 1;');
    expect(r.rows.map((row) => row[0])).toEqual(['Amex', 'Discover', 'Elo', 'Mastercard', 'Visa']);
    const w = await runUntrustedSql(core.engine, 'WITH d AS (SELECT * FROM payments_enriched_silver) SELECT count(*) FROM d');
    expect(w.rows[0]?.[0]).toBe(rowsBefore);
    const f = await runUntrustedSql(core.engine, 'SELECT x FROM range(3) t(x) JOIN (SELECT 1 AS y) s ON x = y');
    expect(f.rows).toEqual([[1]]);
  });

  it('caps rows and says the result was truncated', async () => {
    const r = await runUntrustedSql(core.engine, 'SELECT * FROM payments_enriched_silver', { maxRows: 10 });
    expect(r.rows).toHaveLength(10);
    expect(r.truncated).toBe(true);
  });

  it('stops a query that runs past its time limit', async () => {
    const error = await runUntrustedSql(core.engine, 'SELECT count(*) FROM range(100000000000) a(x) WHERE x % 7 = 3', {
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('TIMEOUT');
  });

  const hostile: [string, string, RegExp][] = [
    ['read_csv', "SELECT * FROM read_csv('/etc/passwd')", /read_csv\(\) is not allowed/],
    ['read_csv in a CTE', "WITH x AS (SELECT * FROM read_csv_auto('/etc/passwd')) SELECT * FROM x", /read_csv_auto\(\) is not allowed/],
    ['read_text in a scalar subquery', "SELECT (SELECT content FROM read_text('/etc/hosts'))", /read_text\(\) is not allowed/],
    ['glob', "SELECT * FROM glob('/etc/*')", /glob\(\) is not allowed/],
    ['a file path as a table', "SELECT * FROM '/etc/passwd'", /Reading files or URLs/],
    [
      'a file path hidden behind an out-of-scope CTE name',
      `SELECT * FROM (WITH "/etc/passwd" AS (SELECT 1) SELECT 1), "/etc/passwd"`,
      /The CTE name "\/etc\/passwd" is not allowed/,
    ],
    ['an http read', "SELECT * FROM read_parquet('https://example.com/x.parquet')", /read_parquet\(\) is not allowed/],
    ['an http path as a table', "SELECT * FROM 'https://example.com/x.csv'", /Reading files or URLs/],
    ['query() running other SQL', "SELECT * FROM query('DROP TABLE payments_enriched_silver')", /query\(\) is not allowed/],
    ['json_execute_serialized_sql', "SELECT json_execute_serialized_sql('x')", /not allowed/],
    ['nextval advancing a sequence', "SELECT nextval('any_sequence')", /nextval\(\) is not allowed/],
    ['COPY … TO', "COPY payments_enriched_silver TO '/tmp/medallion-gate-out.csv'", /Only a read-only query/],
    ['COPY (query) TO', "COPY (SELECT 1) TO '/tmp/medallion-gate-out.csv'", /Only a read-only query/],
    ['ATTACH', "ATTACH '/tmp/medallion-other.db' AS other", /Only a read-only query/],
    ['INSTALL', 'INSTALL httpfs', /Only a read-only query/],
    ['LOAD', 'LOAD httpfs', /Only a read-only query/],
    ['EXPORT DATABASE', "EXPORT DATABASE '/tmp/medallion-export'", /Only a read-only query/],
    ['SET enable_external_access', 'SET enable_external_access = true', /Only a read-only query/],
    ['SET allowed_directories', "SET allowed_directories = ['/']", /Only a read-only query/],
    ['PRAGMA', 'PRAGMA enable_profiling', /Only a read-only query/],
    ['two statements', 'SELECT 1; DROP TABLE payments_enriched_silver', /Only one statement/],
    ['DROP TABLE', 'DROP TABLE payments_enriched_silver', /DROP TABLE is not allowed/],
    ['DELETE', 'DELETE FROM payments_enriched_silver', /Only a read-only query/],
    ['CREATE TABLE AS', 'CREATE TABLE stolen AS SELECT 1', /Only a read-only query/],
    ['another database', 'SELECT * FROM system.main.duckdb_settings', /another database/],
    ['DESCRIBE', 'DESCRIBE payments_enriched_silver', /not allowed/],
  ];

  it.each(hostile)('refuses %s with a clear message', async (_label, sql, message) => {
    const error = await refusal(sql);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(message);
  });

  it('refuses a file inside a directory DuckDB could otherwise read', async () => {
    const error = await refusal(`SELECT * FROM read_csv('${join(scratch, 'secret.csv')}')`);
    expect(error.message).toMatch(/not allowed/);
  });

  it('leaves the data and the file system untouched after every refusal', async () => {
    const after = Number((await core.engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0]);
    expect(after).toBe(rowsBefore);
    expect(existsSync('/tmp/medallion-gate-out.csv')).toBe(false);
    expect(existsSync('/tmp/medallion-export')).toBe(false);
    expect(existsSync('/tmp/medallion-other.db')).toBe(false);
    expect(readFileSync(join(scratch, 'secret.csv'), 'utf8')).toBe('a,b\n1,2\n');
    const dbs = await core.engine.query('SELECT database_name FROM duckdb_databases() WHERE NOT internal');
    expect(dbs.rows.map((r) => r[0])).toEqual(['test']);
  });

  it('reports an unknown column as a SQL error pointing at it, not a refusal', async () => {
    const error = await validateUntrustedSql(core.engine, 'SELECT no_such_column FROM payments_enriched_silver').catch((e: unknown) => e);
    expect((error as AppError).code).toBe('SQL_ERROR');
    expect((error as AppError).message).toMatch(/no_such_column/);
  });

  it('reports a syntax error as a SQL error', async () => {
    const error = await runUntrustedSql(core.engine, 'SELEC 1').catch((e: unknown) => e);
    expect((error as AppError).code).toBe('SQL_ERROR');
  });
});

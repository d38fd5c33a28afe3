import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABRICKS_ALLOWED_FUNCTIONS,
  DATABRICKS_EXCLUDED_FAMILIES,
  DUCKDB_ALLOWED_FUNCTIONS,
  DUCKDB_ALLOWED_TABLE_FUNCTIONS,
  DUCKDB_EXCLUDED_FAMILIES,
} from '../../../../src/core/security/function-allowlist';
import { runUntrustedSql } from '../../../../src/core/security/untrusted-sql';
import type { AppError } from '../../../../src/shared/errors';
import { fillAskFixture } from '../../../support/ask/silver-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('function allowlist of the untrusted-SQL gate', () => {
  let core: TestCore;
  let scratch: string;
  let secrets: string;
  const CANARY = 'sk-live-CANARY-7f3a9e';

  beforeAll(async () => {
    core = await createTestCore({ file: true });
    await fillAskFixture(core.engine, { events: 500 });
    scratch = mkdtempSync(join(tmpdir(), 'allowlist-'));
    secrets = join(scratch, 'secrets.json');
    writeFileSync(secrets, `{"openai_api_key": "${CANARY}"}\n`);
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  const outcome = async (sql: string, timeoutMs?: number) =>
    runUntrustedSql(core.engine, sql, { timeoutMs }).then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error: error as AppError }),
    );

  it('the lists name only functions this DuckDB has, and every function it has is either allowed or excluded with a reason', async () => {
    const r = await core.engine.query(
      "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type IN ('scalar', 'aggregate', 'macro')",
      { maxRows: 5_000 },
    );
    const known = new Set(r.rows.map((row) => String(row[0])));
    const excluded = new Set(DUCKDB_EXCLUDED_FAMILIES.flatMap((f) => [...f.functions]));
    expect([...DUCKDB_ALLOWED_FUNCTIONS].filter((n) => !known.has(n))).toEqual([]);
    expect([...DUCKDB_ALLOWED_FUNCTIONS].filter((n) => excluded.has(n))).toEqual([]);
    // A function a later DuckDB adds shows up here: it stays refused until someone reads it and lists it.
    expect([...known].filter((n) => !DUCKDB_ALLOWED_FUNCTIONS.has(n) && !excluded.has(n))).toEqual([]);
    for (const family of DUCKDB_EXCLUDED_FAMILIES) expect(family.reason.length).toBeGreaterThan(20);
    const tables = await core.engine.query("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'table'", {
      maxRows: 500,
    });
    const tableNames = new Set(tables.rows.map((row) => String(row[0])));
    for (const name of DUCKDB_ALLOWED_TABLE_FUNCTIONS) expect(tableNames.has(name), name).toBe(true);
  });

  it('refuses json_serialize_plan reading the secrets file while it binds, and no byte of the file comes back', async () => {
    const quoted = secrets.replace(/'/g, "''''");
    for (const sql of [
      `SELECT json_serialize_plan('SELECT * FROM read_csv(''${quoted}'', header=false, sep=''|'')')`,
      `SELECT json_serialize_plan('SELECT * FROM read_text(''${quoted}'')')`,
      `WITH p AS (SELECT json_serialize_plan('SELECT * FROM read_csv(''${quoted}'')') AS j) SELECT j FROM p`,
      `SELECT count(*) FILTER (WHERE json_serialize_plan('FROM read_csv(''${quoted}'')') IS NULL) FROM payments_enriched_silver`,
    ]) {
      const { result, error } = await outcome(sql);
      expect(JSON.stringify(result ?? {}), sql).not.toContain(CANARY);
      expect(error?.code, sql).toBe('FORBIDDEN');
      expect(error?.message).toMatch(/json_serialize_plan\(\) is not allowed/);
      expect(error?.message).not.toContain(CANARY);
    }
  });

  it('refuses a function DuckDB has that is not on the list, wherever it is called', async () => {
    const hidden: [string, string][] = [
      ['select list', "SELECT current_setting('threads')"],
      ['lambda', "SELECT list_transform([1, 2], x -> current_setting('threads'))"],
      ['CASE', "SELECT CASE WHEN true THEN getvariable('x') END"],
      ['window PARTITION BY', "SELECT row_number() OVER (PARTITION BY current_setting('threads')) FROM payments_enriched_silver"],
      ['window ORDER BY', "SELECT sum(amount) OVER (ORDER BY current_setting('threads')) FROM payments_enriched_silver"],
      ['struct literal', "SELECT {'a': current_setting('threads')}"],
      ['list literal', "SELECT [current_setting('threads')]"],
      ['subquery in WHERE', "SELECT 1 WHERE EXISTS (SELECT current_setting('threads'))"],
      ['derived table', "SELECT * FROM (SELECT current_setting('threads') AS t) s"],
      ['table function argument', "SELECT * FROM range(length(current_setting('threads')))"],
      ['HAVING', "SELECT card_network FROM payments_enriched_silver GROUP BY 1 HAVING max(current_setting('threads')) IS NOT NULL"],
      ['QUALIFY', "SELECT * FROM payments_enriched_silver QUALIFY current_setting('threads') IS NULL"],
      ['aggregate FILTER', "SELECT count(*) FILTER (WHERE current_setting('threads') = '1') FROM payments_enriched_silver"],
      ['ORDER BY', "SELECT 1 ORDER BY current_setting('threads')"],
      ['qualified name', "SELECT main.current_setting('threads')"],
      ['a sleep', 'SELECT sleep_ms(60000)'],
      ['a sequence', "SELECT nextval('s')"],
      ['an aggregate', "SELECT string_agg(merchant_name, ',') FROM payments_enriched_silver"],
    ];
    for (const [where, sql] of hidden) {
      const { error } = await outcome(sql);
      expect(error?.code, where).toBe('FORBIDDEN');
      expect(error?.message, where).toMatch(/\(\) is not allowed here/);
    }
  });

  it('refuses a macro of the database, as a function DuckDB did not ship is not on the list', async () => {
    await core.engine.run('CREATE OR REPLACE MACRO brand_new_fn(x) AS x + 1');
    const { error } = await outcome('SELECT brand_new_fn(1)');
    expect(error?.code).toBe('FORBIDDEN');
    expect(error?.message).toMatch(/brand_new_fn\(\) is not allowed/);
  });

  it('refuses the quadratic string function promptly instead of running it for seconds', async () => {
    const a = 'a'.repeat(20_000);
    const b = 'b'.repeat(20_000);
    const started = performance.now();
    const { error } = await outcome(`SELECT levenshtein('${a}', '${b}')`, 500);
    expect(error?.code).toBe('FORBIDDEN');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('keeps the pure functions analysts use', async () => {
    const sql = `
      SELECT card_network,
             date_trunc('day', max(event_timestamp)) AS last_day,
             round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
             quantile_cont(processing_latency_ms, 0.95) AS p95,
             coalesce(max(decline_reason), 'none') AS reason,
             strftime(max(event_timestamp), '%Y-%m') AS month,
             CASE WHEN avg(fraud_score) > 0.5 THEN 'HIGH' ELSE 'LOW' END AS tier,
             list_transform([1, 2], x -> x * 2) AS doubled,
             {'n': count(*)} AS packed,
             bool_or(merchant_name ILIKE '%a%') AS has_a,
             regexp_matches(any_value(merchant_name), '^[A-Z]') AS capital,
             row_number() OVER (ORDER BY count(*) DESC) AS rank
      FROM payments_enriched_silver
      GROUP BY ALL
      ORDER BY 1`;
    const { result, error } = await outcome(sql);
    expect(error).toBeUndefined();
    expect(result?.rows.map((r) => r[0])).toEqual(['Amex', 'Discover', 'Elo', 'Mastercard', 'Visa']);
  });

  it('runs a catastrophic regular expression in linear time (RE2), so it stays on the list', async () => {
    const started = performance.now();
    const { result } = await outcome(`SELECT regexp_matches('${'a'.repeat(30_000)}!', '(a+)+$')`);
    expect(result?.rows).toEqual([[false]]);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('the warehouse list has no secret(), http_request, ai_* or read_files, and its exclusions do not overlap it', () => {
    for (const name of [
      'secret',
      'try_secret',
      'http_request',
      'ai_query',
      'ai_gen',
      'read_files',
      'reflect',
      'java_method',
      'current_user',
    ]) {
      expect(DATABRICKS_ALLOWED_FUNCTIONS.has(name), name).toBe(false);
    }
    const excluded = DATABRICKS_EXCLUDED_FAMILIES.flatMap((f) => [...f.functions]);
    expect(excluded.filter((n) => DATABRICKS_ALLOWED_FUNCTIONS.has(n))).toEqual([]);
    expect([...DATABRICKS_ALLOWED_FUNCTIONS].filter((n) => n.startsWith('ai_'))).toEqual([]);
  });
});

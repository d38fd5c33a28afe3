import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../../../src/core/llm/llm-client';
import { Engine } from '../../../../src/core/engine/engine';
import type { AskAnswer } from '../../../../src/shared/api/domains/ask';
import { AppError } from '../../../../src/shared/errors';
import { fillAskFixture } from '../../../support/ask/silver-fixture';
import { FakeOpenAiServer, sqlReply } from '../../../support/fake-openai-server';
import { createTestCore } from '../../../support/test-core';
import { startWarehouseEmulator, type WarehouseEmulator } from '../../../support/warehouse-emulator';

/**
 * Ask with the warehouse target on: the local database is EMPTY, so every number in an answer
 * can only have come from the warehouse (the emulator, real driver over HTTPS).
 */
describe('Ask on a Databricks SQL warehouse profile', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let emulator: WarehouseEmulator;
  let fake: FakeOpenAiServer;
  let profileId: string;
  const remote = async (sql: string) => {
    const conn = await emulator.instance.connect();
    try {
      return (await conn.runAndReadAll(sql)).getRowsJson();
    } finally {
      conn.closeSync();
    }
  };
  const failure = async (p: Promise<unknown>): Promise<AppError> => {
    const e = await p.catch((error: unknown) => error);
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  };
  const QUALIFIED = '`warehouse`.`main`.payments_enriched_silver';

  beforeAll(async () => {
    core = await createTestCore();
    const remotePath = join(core.dir, 'warehouse.duckdb');
    const db = await Engine.open({ path: remotePath, threads: 2 });
    await fillAskFixture(db, { events: 3_000 });
    db.close();
    emulator = await startWarehouseEmulator({ databasePath: remotePath });
    const caFile = join(core.dir, 'emulator-ca.pem');
    writeFileSync(caFile, emulator.caCert);
    const profile = await core.warehouse.saveProfile({
      name: 'Emulator',
      host: `${emulator.host}:${emulator.port}`,
      httpPath: emulator.path,
      catalog: 'warehouse',
      schema: 'main',
      authType: 'pat',
      secret: emulator.token,
      caCertPath: caFile,
    } as never);
    profileId = profile.id;
    fake = await FakeOpenAiServer.start();
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    await core?.dispose();
    await emulator?.close();
  });

  it('answers from the warehouse, names it, and shows the Databricks SQL that ran there', async () => {
    const r = await core.dispatcher.dispatch('ask.question', { question: 'How many transactions by card network?', profileId });
    expect(r.ok).toBe(true);
    const answer = (r as { data: AskAnswer }).data;
    expect(answer.target).toEqual({ kind: 'warehouse', label: 'Databricks · Emulator', profileId });
    expect(answer.answer).toContain('Databricks · Emulator');
    expect(answer.sql).toContain(`FROM ${QUALIFIED}`);
    expect(emulator.statements.at(-1)).toBe(answer.sql);
    const expected = await remote('SELECT card_network, count(*) AS transactions FROM payments_enriched_silver GROUP BY 1 ORDER BY 2 DESC');
    expect(answer.rows.map(([k, v]) => [k, Number(v)])).toEqual(expected.map(([k, v]) => [k, Number(v)]));
    // The same question locally has no data to read: the numbers above came from the warehouse.
    const local = await core.ask.ask({ question: 'How many transactions by card network?' });
    expect(local.target?.kind).toBe('local');
    expect(local.sql).toBeNull();
  });

  it('writes the p95 measure in Databricks SQL and quotes identifiers with backticks', async () => {
    const answer = await core.ask.ask({ question: 'p95 latency by processor', profileId });
    expect(answer.sql).toMatch(/percentile_cont\(0\.95\) WITHIN GROUP \(ORDER BY processing_latency_ms\)/);
    expect(answer.sql).not.toMatch(/quantile_cont|"/);
    const expected = await remote(
      'SELECT processor, round(quantile_cont(processing_latency_ms, 0.95), 2) FROM payments_enriched_silver GROUP BY 1',
    );
    const byProcessor = new Map(expected.map(([k, v]) => [k, Number(v)]));
    for (const [processor, value] of answer.rows) expect(Number(value)).toBe(byProcessor.get(processor as string));
  });

  it('runs SQL edited on a warehouse answer (Databricks dialect: backticks, backslash escapes)', async () => {
    const sql = `SELECT count(*) AS \`n\` FROM ${QUALIFIED} WHERE merchant_name <> 'O\\'Brien' AND \`channel\` IS NOT NULL`;
    const answer = await core.ask.run({ sql, profileId });
    expect(answer.source).toBe('edited');
    expect(answer.target?.kind).toBe('warehouse');
    expect(answer.sql).toBe(sql);
    expect(Number(answer.rows[0]![0])).toBe(Number((await remote('SELECT count(*) FROM payments_enriched_silver'))[0]![0]));
  });

  it('refuses what the gate refuses before anything reaches the warehouse', async () => {
    const sent = emulator.statements.length;
    const cases: [string, RegExp][] = [
      ['DROP TABLE payments_enriched_silver', /read-only query/],
      ['SELECT 1; SELECT 2', /one statement/],
      ["SELECT secret('scope', 'key')", /secret\(\) is not allowed/],
      ["SELECT ai_query('endpoint', 'prompt')", /ai_query\(\) is not allowed/],
      ["SELECT * FROM read_files('s3://bucket/x')", /table function read_files\(\)/],
      ['SELECT * FROM other_catalog.main.payments_enriched_silver', /another database/],
      ['SELECT * FROM not_in_the_schema', /no table or view called "not_in_the_schema"/],
    ];
    for (const [sql, message] of cases) {
      const e = await failure(core.ask.run({ sql, profileId }));
      expect(['FORBIDDEN', 'SQL_ERROR'], sql).toContain(e.code);
      expect(e.message, sql).toMatch(message);
    }
    expect(emulator.statements.length).toBe(sent);
  });

  it('caps rows and time on the warehouse', async () => {
    const capped = await core.ask.run({ sql: 'SELECT * FROM range(20000) t(i)', profileId });
    expect(capped.rows).toHaveLength(5_000);
    expect(capped.truncated).toBe(true);
    const { runUntrustedSqlOnWarehouse } = await import('../../../../src/core/security/untrusted-warehouse-sql');
    const catalog = await core.warehouse.catalog(profileId);
    const slow = await failure(
      runUntrustedSqlOnWarehouse(core.engine, core.warehouse, 'SELECT sum(hash(i)) FROM range(100000000000) t(i)', {
        profileId,
        catalog,
        dialect: 'duckdb',
        timeoutMs: 1_000,
      }),
    );
    expect(slow.code).toBe('TIMEOUT');
  });

  it('verifies a warehouse answer in its DuckDB form, so the verified pair also answers locally', async () => {
    const answer = await core.ask.ask({ question: 'approval rate by channel', profileId });
    await core.ask.feedback(answer.id, 'up');
    const verified = core.ask.store.verified().find((v) => v.question === 'approval rate by channel');
    expect(verified?.sql).toContain('FROM payments_enriched_silver');
    expect(verified?.sql).not.toContain('`');
    const again = await core.ask.ask({ question: 'approval rate by channel', profileId });
    expect(again.source).toBe('verified');
    expect(again.sql).toContain(QUALIFIED);
    expect(again.rows).toEqual(answer.rows);
  });

  it('answers afresh when a verified pair saved locally does not run on the warehouse', async () => {
    // A pair whose SQL the warehouse rejects (DuckDB-only SQL would be the real case; the emulator runs DuckDB, so a missing column stands in).
    core.ask.store.saveVerified('transactions by processor', 'SELECT processor, no_such_column FROM payments_enriched_silver');
    const answer = await core.ask.ask({ question: 'transactions by processor', profileId });
    expect(answer.source).toBe('offline');
    expect(answer.target?.kind).toBe('warehouse');
    expect(answer.rows.length).toBeGreaterThan(1);
  });

  it('LLM mode: the prompt asks for SQL both dialects accept, and a warehouse error gets one repair', async () => {
    const config: LlmConfig = { baseUrl: fake.baseUrl, model: 'llama-test', apiKey: 'sk-test', timeoutMs: 5_000, stream: false };
    fake.reply(
      sqlReply('SELECT no_such_column FROM payments_enriched_silver'),
      sqlReply('SELECT count(*) AS n FROM payments_enriched_silver'),
    );
    const before = fake.requests.length;
    const answer = await core.ask.ask({ question: 'how many rows are there?', mode: 'llm', llm: config, profileId });
    expect(answer.source).toBe('llm');
    expect(answer.target?.kind).toBe('warehouse');
    expect(answer.sql).toBe(`SELECT count(*) AS n FROM ${QUALIFIED}`);
    expect(fake.requests.length - before).toBe(2);
    const system = fake.requests[before]!.body.messages![0]!.content;
    expect(system).toMatch(/Databricks SQL warehouse/);
    expect(system).toMatch(/TABLE payments_enriched_silver/);
    expect(fake.requests[before + 1]!.body.messages!.at(-1)!.content).toMatch(/no_such_column/);
  });

  it('says when the profile cannot be found', async () => {
    const e = await failure(core.ask.ask({ question: 'approval rate', profileId: 'no-such-profile' }));
    expect(e.code).toBe('NOT_FOUND');
  });
});

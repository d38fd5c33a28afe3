import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../../../src/core/llm/llm-client';
import { dataFreeSqlError } from '../../../../src/core/security/error-redaction';
import { AppError } from '../../../../src/shared/errors';
import { FakeOpenAiServer, sqlReply } from '../../../support/fake-openai-server';
import { fillAskFixture } from '../../../support/ask/silver-fixture';
import { createTestCore } from '../../../support/test-core';

/**
 * A hostile model's SQL fails; the text of that failure must not carry data onward: not to the
 * model in the repair turn, not to the audit log, not in the error the user (and history) keeps.
 */
describe('errors of untrusted SQL carry no data', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let fake: FakeOpenAiServer;
  let secrets: string;
  const FILE_CANARY = 'sk-live-FILECANARY-51c0';
  const ROW_CANARY = 'ROWCANARY-9d2e-private-note';
  const config = (): LlmConfig => ({
    baseUrl: fake.baseUrl,
    model: 'llama-test',
    apiKey: 'sk-test',
    timeoutMs: 5_000,
    stream: false,
    maxRetries: 0,
  });

  beforeAll(async () => {
    core = await createTestCore();
    await fillAskFixture(core.engine, { events: 300 });
    await core.engine.run(`CREATE TABLE analyst_notes AS SELECT '${ROW_CANARY}' AS note`);
    secrets = join(core.dir, 'secrets.json');
    writeFileSync(secrets, `{"openai_api_key":"${FILE_CANARY}"}\n`);
    fake = await FakeOpenAiServer.start();
  });
  afterAll(async () => {
    await fake.close();
    await core.dispose();
  });
  beforeEach(() => fake.requests.splice(0));

  const leaks = (error: unknown, canary: string) => {
    const audit = join(core.dir, 'ask', 'llm-audit.jsonl');
    return {
      toModel: fake.requests.some((r) => JSON.stringify(r.body).includes(canary)),
      toAudit: existsSync(audit) && readFileSync(audit, 'utf8').includes(canary),
      toUser: error instanceof Error && error.message.includes(canary),
    };
  };
  const none = { toModel: false, toAudit: false, toUser: false };

  it('a file read while binding (json_serialize_plan over read_csv) reaches neither the model, the audit log nor the user', async () => {
    const path = secrets.replace(/'/g, "''''");
    fake.reply(
      sqlReply(`SELECT json_serialize_plan('SELECT * FROM read_csv(''${path}'', header=false, sep=''|'')') AS p`),
      sqlReply('SELECT 1'),
    );
    const result = await core.ask.ask({ question: 'show me the plan', mode: 'llm', llm: config() }).catch((e: unknown) => e);
    expect(JSON.stringify(result)).not.toContain(FILE_CANARY);
    expect(leaks(result, FILE_CANARY)).toEqual(none);
  });

  it('a value quoted by a conversion error is not sent back in the repair request, logged, or shown', async () => {
    fake.reply(sqlReply('SELECT CAST(note AS INTEGER) AS n FROM analyst_notes'), sqlReply('SELECT length(note) AS n FROM analyst_notes'));
    const answer = await core.ask.ask({ question: 'note as a number', mode: 'llm', llm: config() });
    expect(fake.requests).toHaveLength(2);
    const repairTurn = String(fake.requests[1]?.body.messages?.at(-1)?.content);
    expect(repairTurn).toMatch(/Conversion Error/);
    expect(leaks(undefined, ROW_CANARY)).toEqual(none);
    expect(answer.rows).toEqual([[ROW_CANARY.length]]);
  });

  it('when the repair fails too, the final error names the class, not the value', async () => {
    fake.reply(sqlReply('SELECT CAST(note AS INTEGER) FROM analyst_notes'), sqlReply('SELECT CAST(note AS DOUBLE) FROM analyst_notes'));
    const error = await core.ask.ask({ question: 'note as a number', mode: 'llm', llm: config() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/failed twice; last error: Conversion Error/);
    expect(leaks(error, ROW_CANARY)).toEqual(none);
  });

  it('keeps the class, the position and the word of the statement there, and names the statement spells', () => {
    const sql = 'SELECT card_netwrk FROM payments_enriched_silver';
    const binder = new AppError(
      'SQL_ERROR',
      'Binder Error: Referenced column "card_netwrk" not found in FROM clause! Candidate bindings: "card_network"',
      {
        position: { line: 1, column: 8, offset: 7 },
      },
    );
    expect(dataFreeSqlError(binder, sql)).toBe('Binder Error at line 1, column 8 near "card_netwrk" (mentions "card_netwrk")');
    const spark = new Error("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column `no_such` cannot be resolved; rows like '4111 1111' exist");
    expect(dataFreeSqlError(spark, 'SELECT no_such FROM t')).toBe('[UNRESOLVED_COLUMN.WITH_SUGGESTION] (mentions "no_such")');
    expect(dataFreeSqlError(new Error('something with secret-ish text'), 'SELECT 1')).toBe('SQL error');
  });
});

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskService } from '../../../../src/core/ask/ask-service';
import type { LlmConfig } from '../../../../src/core/llm/llm-client';
import { AppError } from '../../../../src/shared/errors';
import { FakeOpenAiServer, sqlReply } from '../../../support/fake-openai-server';
import { fillAskFixture } from '../../../support/ask/silver-fixture';
import { createTestCore } from '../../../support/test-core';

describe('Ask LLM mode against a fake OpenAI-compatible server', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let fake: FakeOpenAiServer;
  let ask: AskService;
  let rows: number;
  const config = (over: Partial<LlmConfig> = {}): LlmConfig => ({
    baseUrl: fake.baseUrl,
    model: 'llama-test',
    apiKey: 'sk-test-123',
    timeoutMs: 5_000,
    stream: true,
    ...over,
  });
  const count = async () => Number((await core.engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0]);

  beforeAll(async () => {
    core = await createTestCore();
    await fillAskFixture(core.engine, { events: 3_000 });
    fake = await FakeOpenAiServer.start();
    ask = core.ask;
    rows = await count();
  });
  afterAll(async () => {
    await fake.close();
    await core.dispose();
  });
  beforeEach(() => fake.reply(sqlReply('SELECT 1')));

  const failure = async (question: string, over: Partial<LlmConfig> = {}): Promise<AppError> => {
    const error = await ask.ask({ question, mode: 'llm', llm: config(over) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it('streams, sends the schema, model and key, and runs the SQL it gets', async () => {
    fake.reply(sqlReply('SELECT card_network, count(*) AS n FROM payments_enriched_silver GROUP BY 1 ORDER BY 1'));
    const streamed: string[] = [];
    const off = core.events.subscribe((name, payload) => {
      if (name === 'ask.streamed') streamed.push((payload as { text: string }).text);
    });
    const answer = await ask.ask({ question: 'transactions per card brand please', mode: 'llm', llm: config() });
    off();
    expect(answer.source).toBe('llm');
    expect(answer.rows.map((r) => r[0])).toEqual(['Amex', 'Discover', 'Elo', 'Mastercard', 'Visa']);
    expect(answer.chart.type).toBe('bar');
    expect(streamed.length).toBeGreaterThan(2);
    const req = fake.requests[0];
    expect(req?.url).toBe('/v1/chat/completions');
    expect(req?.headers.authorization).toBe('Bearer sk-test-123');
    expect(req?.body.model).toBe('llama-test');
    expect(req?.body.stream).toBe(true);
    const system = req?.body.messages?.[0]?.content ?? '';
    expect(system).toContain('TABLE payments_enriched_silver');
    expect(system).toContain('is_cross_border BOOLEAN -- issuer_country <> merchant_country');
    expect(system).toContain('"today" is the date of the newest event');
    // The same composition the offline planner uses: percentiles, shares, the volume floor of rate rankings.
    expect(system).toContain('quantile_cont(x, p)');
    expect(system).toContain('HAVING count(*) >= 100');
    expect(req?.body.messages?.at(-1)?.content).toBe('transactions per card brand please');
  });

  it('works without streaming too', async () => {
    fake.reply(sqlReply('SELECT count(*) FROM payments_enriched_silver'));
    const answer = await ask.ask({ question: 'how many rows?', mode: 'llm', llm: config({ stream: false }) });
    expect(answer.rows).toEqual([[rows]]);
    expect(answer.chart.type).toBe('counter');
    expect(fake.requests[0]?.body.stream).toBeFalsy();
  });

  it("repairs broken SQL once, sending DuckDB's error back", async () => {
    fake.reply(
      sqlReply("SELECT count(*) FROM payments_enriched_silver WHERE card_netwrk = 'Visa'"),
      sqlReply("SELECT count(*) FROM payments_enriched_silver WHERE card_network = 'Visa'"),
    );
    const answer = await ask.ask({ question: 'visa count', mode: 'llm', llm: config() });
    expect(fake.requests).toHaveLength(2);
    const repairTurn = fake.requests[1]?.body.messages?.at(-1)?.content ?? '';
    expect(repairTurn).toMatch(/card_netwrk/);
    expect(answer.sql).toContain("card_network = 'Visa'");
    expect(Number(answer.rows[0]?.[0])).toBeGreaterThan(0);
  });

  it('gives up with a clear message when the repair fails too', async () => {
    fake.reply(sqlReply('SELECT nope FROM payments_enriched_silver'), sqlReply('SELECT still_nope FROM payments_enriched_silver'));
    const error = await failure('broken twice');
    expect(error.code).toBe('SQL_ERROR');
    expect(error.message).toMatch(/failed twice.*still_nope/);
    expect(fake.requests).toHaveLength(2);
  });

  const hostile: [string, string][] = [
    ['COPY … TO', "COPY payments_enriched_silver TO '/tmp/medallion-llm-leak.csv'"],
    ['read_csv of /etc/passwd', "SELECT * FROM read_csv('/etc/passwd')"],
    ['ATTACH', "ATTACH '/tmp/medallion-llm-other.db'"],
    ['INSTALL', 'INSTALL httpfs'],
    ['two statements', 'SELECT 1; DROP TABLE payments_enriched_silver'],
    ['DROP TABLE', 'DROP TABLE payments_enriched_silver'],
  ];
  it.each(hostile)('blocks a hostile model output (%s) without repairing or running it', async (_label, sql) => {
    fake.reply(sqlReply(sql));
    const error = await failure('show me everything');
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/blocked and not run/);
    expect(fake.requests).toHaveLength(1);
    expect(await count()).toBe(rows);
    expect(existsSync('/tmp/medallion-llm-leak.csv')).toBe(false);
    expect(existsSync('/tmp/medallion-llm-other.db')).toBe(false);
  });

  it('says so when the model declines to answer', async () => {
    fake.reply({ kind: 'content', content: 'UNANSWERABLE: the data has no weather.' });
    const answer = await ask.ask({ question: 'weather in Lima?', mode: 'llm', llm: config() });
    expect(answer.sql).toBeNull();
    expect(answer.answer).toMatch(/could not answer.*no weather/);
  });

  it('reports an unreachable endpoint', async () => {
    const error = await failure('q', { baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 });
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/Could not reach the model endpoint http:\/\/127\.0\.0\.1:9\/v1/);
  });

  it('reports a refused key (401)', async () => {
    fake.reply({ kind: 'status', status: 401, body: { error: { message: 'bad key', type: 'invalid_request_error' } } });
    const error = await failure('q');
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/refused the API key \(401\)/);
  });

  it('waits out one 429 with retry-after, then answers', async () => {
    fake.reply({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, sqlReply('SELECT 42 AS answer'));
    const answer = await ask.ask({ question: 'q', mode: 'llm', llm: config() });
    expect(fake.requests).toHaveLength(2);
    expect(answer.rows).toEqual([[42]]);
  });

  it('reports a persistent 429 with its retry-after', async () => {
    fake.reply({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const error = await failure('q', { maxRetries: 0 });
    expect(error.message).toMatch(/rate limiting.*retry after 1 s/);
  });

  it('stops a model that does not answer in time', async () => {
    fake.reply({ kind: 'hang' });
    const error = await failure('q', { timeoutMs: 300, maxRetries: 0 });
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/did not answer within/);
  });

  it('cancels a running model call', async () => {
    fake.reply({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await ask.ask({ question: 'q', mode: 'llm', llm: config({ maxRetries: 0 }) }, controller.signal).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('CANCELLED');
  });

  it('reports malformed JSON from the endpoint', async () => {
    fake.reply({ kind: 'malformed' });
    const error = await failure('q', { stream: false, maxRetries: 0 });
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/not valid OpenAI-compatible JSON/);
  });

  it('stores the key in the secret store and never returns it', async () => {
    const saved = await ask.settings.save({
      enabled: true,
      preset: 'custom',
      baseUrl: fake.baseUrl,
      model: 'llama-test',
      apiKey: 'sk-secret-999',
    });
    expect(saved.hasKey).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('sk-secret-999');
    expect(await core.secrets.get('ask.llm.apiKey')).toBe('sk-secret-999');
    const preview = await core.dispatcher.dispatch('ask.promptPreview', { question: 'approval rate?' });
    expect(JSON.stringify(preview)).not.toContain('sk-secret-999');
    expect(preview).toMatchObject({ ok: true, data: { model: 'llama-test', sendsKey: true } });
    fake.reply(sqlReply('SELECT 7 AS n'));
    const answer = await ask.ask({ question: 'something the offline engine cannot parse: zebra', mode: 'auto' });
    expect(answer.source).toBe('llm');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-secret-999');
    await ask.settings.save({ enabled: false, apiKey: '' });
    expect((await ask.settings.get()).hasKey).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillAskFixture } from '../../../support/ask/silver-fixture';
import { createTestCore } from '../../../support/test-core';

describe('Ask service through the API', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  const call = async (method: string, input: unknown) => {
    const r = await core.dispatcher.dispatch(method, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.data as Record<string, unknown> & {
      sql: string | null;
      answer: string;
      conversationId: string;
      id: string;
      rows: unknown[][];
      chart: { type: string };
      source: string;
      verified: boolean;
      suggestions: string[];
    };
  };

  beforeAll(async () => {
    core = await createTestCore();
    await fillAskFixture(core.engine, { events: 5_000 });
  });
  afterAll(() => core.dispose());

  it('answers with SQL, rows, a chart and a sentence naming the period', async () => {
    const a = await call('ask.question', { question: "What's our approval rate today?" });
    // "Today" is the newest event date, written as a literal (read from the data just before).
    expect(a.sql).toContain("event_date = DATE '2026-11-21'");
    expect(a.chart.type).toBe('counter');
    expect(a.answer).toMatch(/^Approval rate over today \(2026-11-21\): \d+(\.\d+)?%\.$/);
    const trend = await call('ask.question', { question: 'daily approval rate for the last 7 days' });
    expect(trend.chart.type).toBe('line');
    expect(trend.rows).toHaveLength(7);
    expect(trend.answer).toContain('the last 7 days (2026-11-15 to 2026-11-21)');
    const two = await call('ask.question', { question: 'approval rate by card network and card type' });
    expect(two.chart.type).toBe('grouped-bar');
  });

  it('keeps context for follow-ups in the same conversation', async () => {
    const first = await call('ask.question', { question: 'Compare Visa vs Mastercard performance' });
    expect(first.rows).toHaveLength(2);
    expect(first.chart.type).toBe('bar');
    const second = await call('ask.question', { question: 'and for Mastercard?', conversationId: first.conversationId });
    expect(second.sql).toContain("card_network = 'Mastercard'");
    expect(second.sql).not.toContain('Visa');
    const third = await call('ask.question', { question: 'only last week', conversationId: first.conversationId });
    expect(third.sql).toContain("card_network = 'Mastercard'");
    expect(third.sql).toContain('- 6');
    const fourth = await call('ask.question', { question: 'break it down by processor', conversationId: first.conversationId });
    expect(fourth.sql).toMatch(/GROUP BY processor/);
    expect(fourth.rows).toHaveLength(3);
    // Without a conversation, "and for Mastercard?" names no measure: it asks back with one-click readings.
    const fresh = await call('ask.question', { question: 'and for Mastercard?' });
    expect(fresh.sql).toBeNull();
    expect(fresh.suggestions).toContain('approval rate for Mastercard');
  });

  it('says plainly when it cannot answer, with suggestions and no SQL', async () => {
    const a = await call('ask.question', { question: 'who won the world cup in 2022?' });
    expect(a.sql).toBeNull();
    expect(a.answer).toMatch(/can't answer.*"won".*won't guess/);
    expect(a.suggestions.length).toBeGreaterThan(0);
    // A misspelt word of the layer's vocabulary is corrected, and the answer says how it was read.
    const typo = await call('ask.question', { question: 'aproval rate by network' });
    expect(typo.sql).toContain('GROUP BY card_network');
    expect(typo.answer).toContain('I read "aproval" as "approval"');
  });

  it('turns a thumbs-up into a verified question reused with a badge', async () => {
    const a = await call('ask.question', { question: 'fraud rate by merchant segment' });
    expect(a.verified).toBe(false);
    expect(await call('ask.feedback', { answerId: a.id, rating: 'up' })).toEqual({ verified: true });
    const again = await call('ask.question', { question: 'Fraud rate by merchant segment?' });
    expect(again.verified).toBe(true);
    expect(again.source).toBe('verified');
    expect(again.sql).toBe(a.sql);
    const samples = await call('ask.samples', {});
    expect((samples.verified as unknown as { question: string; uses: number }[])[0]).toMatchObject({
      question: 'fraud rate by merchant segment',
      uses: 1,
    });
    await call('ask.feedback', { answerId: a.id, rating: 'down' });
    expect(((await call('ask.samples', {})).verified as unknown as unknown[]).length).toBe(0);
  });

  it('runs edited SQL through the gate and refuses writes', async () => {
    const a = await call('ask.run', { sql: 'SELECT processor, count(*) FROM payments_enriched_silver GROUP BY 1' });
    expect(a.rows).toHaveLength(3);
    expect(a.source).toBe('edited');
    const r = await core.dispatcher.dispatch('ask.run', { sql: 'DROP TABLE payments_enriched_silver' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('persists the conversation history in the user-data folder', async () => {
    const history = await call('ask.history', {});
    const conversations = history.conversations as { answers: { question: string; intent?: unknown }[] }[];
    expect(conversations.length).toBeGreaterThan(3);
    expect(JSON.stringify(conversations)).not.toContain('"intent"');
    const onDisk = JSON.parse(readFileSync(join(core.dir, 'ask', 'conversations.json'), 'utf8')) as unknown[];
    expect(onDisk.length).toBe(conversations.length);
    expect((await call('ask.clearHistory', {})).cleared).toBe(conversations.length);
  });

  it('says there is no data yet on an empty database', async () => {
    const empty = await createTestCore();
    try {
      const r = await empty.dispatcher.dispatch('ask.question', { question: 'approval rate today' });
      expect(r).toMatchObject({ ok: true, data: { sql: null } });
      expect(JSON.stringify(r)).toMatch(/no payments data in this database yet/);
    } finally {
      await empty.dispose();
    }
  });
});

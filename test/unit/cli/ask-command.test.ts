import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/engine/engine';
import { FakeOpenAiServer, sqlReply } from '../../support/fake-openai-server';
import type { Cell } from '../../../src/shared/api';
import { sameResult, type EvalQuestion } from '../../support/ask/score';
import { runCli } from '../../support/cli';
import { fillWithReplayFixture } from '../../support/replay-fixture';

const dir = mkdtempSync(join(tmpdir(), 'medallion-ask-cli-'));
const db = join(dir, 'ask.duckdb');
const env = { MEDALLION_HOME: join(dir, 'home') };

const devSet = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'ask-dev.json'), 'utf8')) as EvalQuestion[];

describe('medallion ask', () => {
  let fake: FakeOpenAiServer;
  const reference = new Map<string, Cell[][]>();
  let silverRows = 0;
  beforeAll(async () => {
    const engine = await Engine.open({ path: db, threads: 2 });
    await fillWithReplayFixture(engine, { events: 20_000, days: 30 });
    silverRows = Number((await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0]);
    for (const item of devSet) if (item.sql) reference.set(item.q, (await engine.query(item.sql, { maxRows: 100_000 })).rows);
    engine.close();
    fake = await FakeOpenAiServer.start();
  });
  afterAll(() => fake.close());

  it('prints {sql, columns, rows, chart, answer} with --json', async () => {
    const r = await runCli(['ask', 'approval rate by card network', '--db', db, '--json'], { env });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      sql: string;
      columns: { name: string }[];
      rows: unknown[][];
      chart: { type: string };
      answer: string;
    };
    expect(out.sql).toMatch(/GROUP BY card_network/);
    expect(out.columns.map((c) => c.name)).toEqual(['card_network', 'approval_rate']);
    expect(out.rows).toHaveLength(5);
    expect(out.chart.type).toBe('bar');
    expect(out.answer).toMatch(/all data \(2026-01-\d{2} to 2026-0[12]-\d{2}\)/);
  });

  it('prints sql: null and why when it cannot answer', async () => {
    const r = await runCli(['ask', 'who won the world cup in 2022?', '--db', db, '--json'], { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { sql: null; answer: string; rows: unknown[] };
    expect(out.sql).toBeNull();
    expect(out.rows).toEqual([]);
    expect(out.answer).toMatch(/can't answer/);
  });

  it('uses a language model with --llm-base-url/--llm-model and the key from the environment', async () => {
    fake.reply(sqlReply('SELECT count(*) AS n FROM payments_enriched_silver'));
    const r = await runCli(
      ['ask', 'how many rows are there', '--db', db, '--json', '--llm-base-url', fake.baseUrl, '--llm-model', 'llama-cli'],
      {
        env: { ...env, MEDALLION_LLM_API_KEY: 'sk-cli' },
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: [[silverRows]], chart: { type: 'counter' } });
    expect(silverRows).toBeGreaterThan(19_000);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-cli');
    expect(fake.requests[0]?.body.model).toBe('llama-cli');
  });

  it('fails on stderr with a non-zero exit when the model SQL is hostile', async () => {
    fake.reply(sqlReply("COPY payments_enriched_silver TO '/tmp/x.csv'"));
    const r = await runCli(['ask', 'export it', '--db', db, '--llm-base-url', fake.baseUrl, '--llm-model', 'm'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/blocked and not run/);
  });

  it('scores at least 95% on the dev set through `medallion ask --json`', { timeout: 180_000 }, async () => {
    let passed = 0;
    const misses: string[] = [];
    for (const item of devSet) {
      const r = await runCli(['ask', item.q, '--db', db, '--json', '--offline'], { env });
      const out = r.code === 0 ? (JSON.parse(r.stdout) as { sql: string | null; rows: Cell[][] }) : undefined;
      const want = reference.get(item.q);
      const ok = item.expect ? out?.sql === null : Boolean(out?.sql && want && sameResult(out.rows, want, Boolean(item.ordered)));
      if (ok) passed += 1;
      else misses.push(item.q);
    }
    const pct = (100 * passed) / devSet.length;
    console.log(
      `medallion ask --json dev-set score: ${passed}/${devSet.length} = ${pct.toFixed(1)}%${misses.length ? `; missed: ${misses.join(' | ')}` : ''}`,
    );
    expect(pct).toBeGreaterThanOrEqual(95);
  });
});

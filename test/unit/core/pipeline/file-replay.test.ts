import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { replayFile } from '../../../../src/core/pipeline/file-replay';
import { fillWithReplayFixture } from '../../../support/replay-fixture';

const EXPORT = `SELECT * EXCLUDE (_ingested_at, _batch_id, _source) FROM payments_enriched_silver ORDER BY event_timestamp, transaction_id LIMIT 3000`;
const EVENT_ONLY = `SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token,
  fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason, response_code, is_retry,
  retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud FROM (${EXPORT})`;

describe('replaying a recorded file', () => {
  let dir: string;
  let source: Engine;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-file-'));
    source = await Engine.open({ path: ':memory:' });
    await fillWithReplayFixture(source, { events: 6000, faultRate: 0 });
    await source.run(`COPY (${EVENT_ONLY}) TO '${join(dir, 'good.csv')}' (HEADER)`);
    await source.run(`COPY (${EVENT_ONLY}) TO '${join(dir, 'good.jsonl')}' (FORMAT json)`);
    await source.run(`COPY (${EVENT_ONLY}) TO '${join(dir, 'good.parquet')}' (FORMAT parquet)`);
    // 200 events 10 ms apart (2 s of event time), written out of order: a paced replay sorts them.
    await source.run(`COPY (SELECT * REPLACE (TIMESTAMP '2026-03-01 12:00:00' + INTERVAL 10 MILLISECOND * (row_number() OVER (ORDER BY transaction_id) - 1) AS event_timestamp)
      FROM (SELECT * FROM (${EVENT_ONLY}) WHERE NOT is_retry LIMIT 200) ORDER BY hash(transaction_id)) TO '${join(dir, 'two-seconds.jsonl')}' (FORMAT json)`);
  });
  afterAll(() => {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const ext of ['csv', 'jsonl', 'parquet']) {
    it(`ingests every record of a good ${ext} file into silver, identical to the original`, async () => {
      const engine = await Engine.open({ path: ':memory:' });
      const summary = await replayFile(engine, join(dir, `good.${ext}`));
      expect(summary.silver).toBe(3000);
      expect(summary.quarantined_total).toBe(0);
      const digest = `SELECT bit_xor(hash(transaction_id, amount, event_timestamp, card_network, is_approved)) FROM payments_enriched_silver`;
      const original = await source.query(
        `SELECT bit_xor(hash(transaction_id, amount, event_timestamp, card_network, is_approved)) FROM (${EXPORT})`,
      );
      expect((await engine.query(digest)).rows).toEqual(original.rows);
      // Replaying the same file again adds nothing.
      const again = await replayFile(engine, join(dir, `good.${ext}`));
      expect(again.silver).toBe(3000);
      expect((await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]![0]).toBe(3000);
      engine.close();
    });
  }

  it("replays at the recording's own pace: speed 1 takes the 2 s the events span, speed 4 a quarter of it, and never delivers an event early", async () => {
    // No bound on the whole run's time (loading the file takes seconds on a loaded machine): the pace is checked on the commits' span.
    const spans: number[] = [];
    for (const [speed, min] of [
      [1, 1.8],
      [4, 0.4],
    ] as const) {
      const engine = await Engine.open({ path: ':memory:' });
      const t0 = performance.now();
      const summary = await replayFile(engine, join(dir, 'two-seconds.jsonl'), {}, { speed });
      const seconds = (performance.now() - t0) / 1000;
      expect(summary.silver).toBe(200);
      // Loading the file takes a moment before the clock starts; the pacing itself is what is bounded.
      const batches = await engine.query(
        `SELECT count(*), epoch_ms(max(committed_at)) - epoch_ms(min(committed_at)) AS span_ms,
           max(epoch_ms(max_event_ts) - epoch_ms(first_ts) - ${speed} * (epoch_ms(committed_at) - epoch_ms(first_commit))) AS earliest_ms
         FROM (SELECT *, min(min_event_ts) OVER () AS first_ts, min(committed_at) OVER () AS first_commit FROM pipeline_batches)`,
      );
      const [count, spanMs, earlyMs] = batches.rows[0] as [number, number, number];
      spans.push(Number(spanMs));
      expect(count).toBeGreaterThan(speed === 1 ? 3 : 1);
      // The clock starts before the first commit, which a loaded machine delays (up to ~200 ms seen at load 27): allow
      // 300 ms of event time per unit of speed; delivering the 2 s at once would be 2,000 ms early.
      expect(earlyMs).toBeLessThanOrEqual(300 * speed);
      expect(seconds).toBeGreaterThan(min);
      engine.close();
    }
    // Speed 1 spreads its commits over the 2 s of event time; speed 4 over about half a second.
    expect(spans[0]).toBeGreaterThan(1500);
    expect(spans[0]).toBeLessThan(8000);
    expect(spans[1]).toBeLessThan(spans[0]! * 0.75);
  });

  it('resumes a cancelled paced replay where it stopped, every event once', async () => {
    const path = join(dir, 'resume.duckdb');
    const engine = await Engine.open({ path });
    const abort = new AbortController();
    const onProgress = (p: { eventsDone: number }) => {
      if (p.eventsDone > 0) abort.abort();
    };
    await expect(replayFile(engine, join(dir, 'two-seconds.jsonl'), { signal: abort.signal, onProgress }, { speed: 1 })).rejects.toThrow(
      /cancelled.*resume/,
    );
    const partial = Number((await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]![0]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(200);
    const summary = await replayFile(engine, join(dir, 'two-seconds.jsonl'), {}, { speed: 8 });
    expect(summary.silver).toBe(200);
    expect((await engine.query('SELECT count(*), count(DISTINCT transaction_id) FROM payments_enriched_silver')).rows[0]).toEqual([
      200, 200,
    ]);
    engine.close();
  });

  it('quarantines a record delivered twice and keeps the first delivery', async () => {
    const lines = readFileSync(join(dir, 'good.csv'), 'utf8').trimEnd().split('\n');
    const path = join(dir, 'twice.csv');
    writeFileSync(path, [...lines, lines[7]!, lines[42]!].join('\n') + '\n');
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, path);
    expect(summary.silver).toBe(3000);
    expect(summary.quarantined).toEqual({ duplicate: 2 });
    expect((await engine.query('SELECT count(*), count(DISTINCT transaction_id) FROM payments_enriched_silver')).rows[0]).toEqual([
      3000, 3000,
    ]);
    engine.close();
  });

  it('commits a file in several batches; a replay cancelled after the first resumes with every record once, under its own line', async () => {
    const lines = readFileSync(join(dir, 'good.csv'), 'utf8').trimEnd().split('\n');
    const amount = lines[0]!.split(',').indexOf('amount');
    // Line 2,500 (third batch of 1,000 lines) has no valid amount; line 3,002 (the fourth) delivers line 8 again.
    const zeroed = lines[2499]!.split(',');
    zeroed[amount] = '0';
    lines[2499] = zeroed.join(',');
    const path = join(dir, 'batches.csv');
    writeFileSync(path, [...lines, lines[7]!].join('\n') + '\n');
    const engine = await Engine.open({ path: join(dir, 'batches.duckdb') });
    const abort = new AbortController();
    const seen: [number, number][] = [];
    const onProgress = (p: { batchesDone: number; batchesTotal: number }) => {
      seen.push([p.batchesDone, p.batchesTotal]);
      abort.abort();
    };
    await expect(replayFile(engine, path, { signal: abort.signal, onProgress }, { batchLines: 1000 })).rejects.toThrow(/cancelled.*resume/);
    expect(seen).toEqual([[1, 4]]);
    // Batch 0 holds lines 2-999 (line 1 is the header); nothing of the later batches went in.
    expect((await engine.query('SELECT count(*) FROM payments_raw_bronze')).rows[0]![0]).toBe(998);
    const summary = await replayFile(engine, path, {}, { batchLines: 1000 });
    expect(summary.silver).toBe(2999);
    expect(summary.quarantined).toEqual({ valid_amount: 1, duplicate: 1 });
    const counts =
      await engine.query(`SELECT (SELECT count(*) FROM payments_raw_bronze), (SELECT count(DISTINCT transaction_id) FROM payments_enriched_silver),
      (SELECT count(*) FROM payments_enriched_silver), (SELECT count(*) FROM pipeline_batches)`);
    expect(counts.rows[0]).toEqual([3001, 2999, 2999, 4]);
    const quarantined = await engine.query('SELECT source_line, reason, transaction_id FROM payments_quarantine ORDER BY source_line');
    expect(quarantined.rows).toEqual([
      [2500, 'valid_amount', lines[2499]!.split(',')[0]],
      [3002, 'duplicate', lines[7]!.split(',')[0]],
    ]);
    engine.close();
  });

  it('refuses a speed that is not a positive number', async () => {
    const engine = await Engine.open({ path: ':memory:' });
    await expect(replayFile(engine, join(dir, 'good.csv'), {}, { speed: 0 })).rejects.toThrow('The replay speed must be a number above 0');
    engine.close();
  });

  it('quarantines truncated, wrongly typed and malformed CSV lines with their line numbers, and keeps the rest', async () => {
    const lines = readFileSync(join(dir, 'good.csv'), 'utf8').trimEnd().split('\n');
    lines[0] = lines[0] + ',shoe_size';
    for (let i = 1; i < lines.length; i++) lines[i] = lines[i] + ',42';
    lines[5] = lines[5]!.slice(0, 40); // truncated mid-row (line 6)
    lines[10] = lines[10]!.replace(/,(\d+\.\d+),(BRL|USD|MXN|ARS|CLP|COP|PEN|GBP|EUR),/u, ',lots,$2,'); // amount not a number (line 11)
    lines[20] = lines[20]!.replace(/,(Visa|Mastercard|Amex|Elo|Discover),/u, ',Diners,'); // unknown card network (line 21)
    const path = join(dir, 'bad.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, path);
    expect(summary.warnings).toEqual(['bad.csv line 1: unknown column "shoe_size" ignored.']);
    expect(summary.problems.map((p) => p.line)).toEqual([6, 11, 21]);
    expect(summary.problems[0]!.problem).toMatch(/truncated/);
    expect(summary.problems[1]!.problem).toMatch(/amount/);
    expect(summary.problems[2]!.problem).toMatch(/card_network/);
    expect(summary.silver).toBe(2997);
    const q = await engine.query("SELECT source_line, split_part(reason, ':', 1) FROM payments_quarantine ORDER BY source_line");
    expect(q.rows).toEqual([
      [6, 'parse_error'],
      [11, 'parse_error'],
      [21, 'wrong_type'],
    ]);
    engine.close();
  });

  it('quarantines a malformed JSON line and names it', async () => {
    const lines = readFileSync(join(dir, 'good.jsonl'), 'utf8').trimEnd().split('\n');
    lines[7] = lines[7]!.slice(0, 50);
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, path);
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toMatchObject({ line: 8, problem: expect.stringMatching(/not a valid JSON/) });
    expect(summary.silver).toBe(2999);
    engine.close();
  });

  it('refuses an empty file, a file without required columns and an unknown format, writing nothing', async () => {
    const engine = await Engine.open({ path: ':memory:' });
    writeFileSync(join(dir, 'empty.csv'), '');
    await expect(replayFile(engine, join(dir, 'empty.csv'))).rejects.toThrow('empty.csv: the file is empty');
    writeFileSync(join(dir, 'narrow.csv'), 'transaction_id,amount\nx,1\n');
    await expect(replayFile(engine, join(dir, 'narrow.csv'))).rejects.toThrow(/narrow.csv line 1: missing columns event_timestamp/);
    await expect(replayFile(engine, join(dir, 'events.xlsx'))).rejects.toThrow(/unknown format ".xlsx"/);
    expect((await engine.query('SELECT count(*) FROM payments_raw_bronze')).rows[0]![0]).toBe(0);
    engine.close();
  });
});

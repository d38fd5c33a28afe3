import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { replayFile } from '../../../../src/core/pipeline/file-replay';
import { fillWithReplayFixture } from '../../../support/replay-fixture';

const COLUMNS = `transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token,
  fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason, response_code, is_retry,
  retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud`;
const REVERSED = COLUMNS.split(',')
  .map((c) => c.trim())
  .reverse()
  .join(', ');
const DIGEST =
  'SELECT count(*) AS n, bit_xor(hash(transaction_id, amount, event_timestamp, card_network, is_approved)) AS h FROM payments_enriched_silver';

// Landing folders as they are in practice: several files, of different formats and column orders, some still being written.
describe('replaying a glob or a folder of recordings', () => {
  let dir: string;
  let source: Engine;
  let expected: { n: unknown; h: unknown };
  const part = (k: number) =>
    `SELECT ${COLUMNS} FROM events WHERE hash(transaction_id) % 3 = ${k} ORDER BY event_timestamp, transaction_id`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-set-'));
    source = await Engine.open({ path: ':memory:' });
    await fillWithReplayFixture(source, { events: 6000, faultRate: 0 });
    await source.run(`CREATE TABLE events AS SELECT ${COLUMNS} FROM payments_enriched_silver`);
    expected = (await source.query(DIGEST.replace('payments_enriched_silver', 'events'))).rows.map(([n, h]) => ({ n, h }))[0]!;
  });
  afterAll(() => {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function digest(engine: Engine) {
    return (await engine.query(DIGEST)).rows.map(([n, h]) => ({ n, h }))[0]!;
  }

  it('says in one line that a glob matches nothing, and writes nothing', async () => {
    const engine = await Engine.open({ path: ':memory:' });
    await expect(replayFile(engine, join(dir, 'landing-none', '*.parquet'))).rejects.toThrow(
      /^(?!--).*landing-none.\*\.parquet: no \.csv, \.jsonl or \.parquet file matches; nothing was imported\.$/u,
    );
    expect((await engine.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'payments_raw_bronze'")).rows[0]![0]).toBe(0);
    engine.close();
  });

  it('replays a folder of mixed formats, each file by its own reader, skips what is not a recording with one line, and ingests each file once', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    await source.run(`COPY (${part(0)}) TO '${join(folder, 'a.csv')}' (HEADER)`);
    await source.run(`COPY (${part(1)}) TO '${join(folder, 'b.parquet')}' (FORMAT parquet)`);
    await source.run(`COPY (${part(2)}) TO '${join(folder, 'c.jsonl')}' (FORMAT json)`);
    writeFileSync(join(folder, 'README.txt'), 'files land here\n');
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, folder);
    expect(summary.files?.map((f) => [f.file.split('/').pop(), f.status])).toEqual([
      ['a.csv', 'ingested'],
      ['b.parquet', 'ingested'],
      ['c.jsonl', 'ingested'],
    ]);
    expect(summary.warnings).toEqual(['README.txt: not a .csv, .jsonl or .parquet recording; skipped.']);
    expect(summary.format).toBe('csv+parquet+jsonl');
    expect(await digest(engine)).toEqual(expected);
    const again = await replayFile(engine, folder);
    expect(again.silver).toBe(summary.silver);
    expect(await digest(engine)).toEqual(expected);
    expect((await engine.query('SELECT count(*) FROM payments_raw_bronze')).rows[0]![0]).toBe(expected.n);
    engine.close();
  });

  it('reads files whose columns come in different orders by name', async () => {
    const folder = join(dir, 'orders');
    mkdirSync(folder);
    await source.run(`COPY (${part(0)}) TO '${join(folder, 'part-0.csv')}' (HEADER)`);
    await source.run(`COPY (SELECT ${REVERSED} FROM (${part(1)})) TO '${join(folder, 'part-1.csv')}' (HEADER)`);
    await source.run(`COPY (SELECT ${REVERSED} FROM (${part(2)})) TO '${join(folder, 'part-2.parquet')}' (FORMAT parquet)`);
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, join(folder, 'part-*'));
    expect(summary.warnings).toEqual([]);
    expect(summary.quarantined_total).toBe(0);
    expect(await digest(engine)).toEqual(expected);
    engine.close();
  });

  it('names an empty file and a file missing a required column in one line each, and still ingests the good ones once', async () => {
    const folder = join(dir, 'broken');
    mkdirSync(folder);
    await source.run(`COPY (${part(0)}) TO '${join(folder, 'a.csv')}' (HEADER)`);
    writeFileSync(join(folder, 'b-empty.csv'), '');
    // A recording cut before its amounts: the required column is missing, whatever the other columns hold.
    await source.run(`COPY (SELECT * EXCLUDE (amount) FROM (${part(1)})) TO '${join(folder, 'c-no-amount.parquet')}' (FORMAT parquet)`);
    await source.run(`COPY (${part(2)}) TO '${join(folder, 'd.jsonl')}' (FORMAT json)`);
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, folder);
    expect(summary.files?.map((f) => [f.file.split('/').pop(), f.status])).toEqual([
      ['a.csv', 'ingested'],
      ['b-empty.csv', 'failed'],
      ['c-no-amount.parquet', 'failed'],
      ['d.jsonl', 'ingested'],
    ]);
    expect(summary.warnings).toEqual([
      'b-empty.csv: the file is empty; there are no events to replay. (the other files were replayed)',
      'c-no-amount.parquet line 1: missing column amount; nothing was imported. (the other files were replayed)',
    ]);
    const good = (await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]![0];
    expect(good).toBe(summary.silver);
    expect((await engine.query("SELECT count(*) FROM payments_raw_bronze WHERE _source LIKE 'file:c-%'")).rows[0]![0]).toBe(0);
    // A rerun adds nothing: the good files are in, the broken ones fail again with the same lines.
    const again = await replayFile(engine, folder);
    expect(again.warnings).toEqual(summary.warnings);
    expect((await engine.query('SELECT count(*) FROM payments_raw_bronze')).rows[0]![0]).toBe(good);
    engine.close();
  });

  it('keeps each event once in silver when the same records land twice under another name', async () => {
    const folder = join(dir, 'copies');
    mkdirSync(folder);
    await source.run(`COPY (SELECT ${COLUMNS} FROM events) TO '${join(folder, 'landed-1.parquet')}' (FORMAT parquet)`);
    await source.run(`COPY (SELECT ${REVERSED} FROM events ORDER BY transaction_id) TO '${join(folder, 'landed-2-copy.csv')}' (HEADER)`);
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, folder);
    expect(summary.files?.map((f) => f.status)).toEqual(['ingested', 'ingested']);
    expect(await digest(engine)).toEqual(expected);
    // Bronze keeps both deliveries; the copy's records are quarantined as duplicates, each with its line.
    expect((await engine.query('SELECT count(*) FROM payments_raw_bronze')).rows[0]![0]).toBe(2 * Number(expected.n));
    const copies = await engine.query(
      "SELECT reason, count(*), count(DISTINCT source_line) FROM payments_quarantine WHERE _source = 'file:landed-2-copy.csv' GROUP BY reason",
    );
    expect(copies.rows.map((r) => r.map(Number).slice(1))).toEqual([[Number(expected.n), Number(expected.n)]]);
    expect(copies.rows[0]![0]).toBe('duplicate');
    engine.close();
  });

  it("gives a retry whose first attempt landed in an earlier file that attempt's decline reason", async () => {
    const folder = join(dir, 'retries-later');
    mkdirSync(folder);
    await source.run(`COPY (SELECT ${COLUMNS} FROM events WHERE NOT is_retry) TO '${join(folder, '1-first-attempts.csv')}' (HEADER)`);
    await source.run(`COPY (SELECT ${COLUMNS} FROM events WHERE is_retry) TO '${join(folder, '2-retries.parquet')}' (FORMAT parquet)`);
    const engine = await Engine.open({ path: ':memory:' });
    await replayFile(engine, folder);
    expect(await digest(engine)).toEqual(expected);
    const retries = await engine.query(`SELECT count(*), count(*) FILTER (WHERE r.original_decline_reason = o.decline_reason)
      FROM payments_enriched_silver r JOIN payments_enriched_silver o ON o.transaction_id = r.original_transaction_id WHERE r.is_retry`);
    const [n, resolved] = retries.rows[0]!.map(Number);
    expect(n).toBeGreaterThan(50);
    expect(resolved).toBe(n);
    engine.close();
  });

  it('names a file that grows while it is read, imports none of it, and takes it whole on the next run', async () => {
    const folder = join(dir, 'growing');
    mkdirSync(folder);
    await source.run(`COPY (${part(0)}) TO '${join(folder, 'a-done.csv')}' (HEADER)`);
    await source.run(
      `COPY (SELECT * FROM (${part(1)}) UNION ALL SELECT * FROM (${part(2)})) TO '${join(folder, 'b-landing.csv')}' (HEADER)`,
    );
    // Hold back the last 500 records of b and append them while the replay runs, as a writer still landing the file
    // would; once they are out, the writer keeps the file open and touches it until the replay ends.
    const growing = join(folder, 'b-landing.csv');
    const lines = readFileSync(growing, 'utf8').trimEnd().split('\n');
    const tail = lines.splice(-500);
    writeFileSync(growing, lines.join('\n') + '\n');
    const writer = setInterval(() => {
      const line = tail.shift();
      if (line === undefined) utimesSync(growing, new Date(), new Date());
      else appendFileSync(growing, line + '\n');
    }, 2);
    const engine = await Engine.open({ path: ':memory:' });
    const summary = await replayFile(engine, folder).finally(() => clearInterval(writer));
    for (const line of tail) appendFileSync(growing, line + '\n');
    expect(summary.files?.map((f) => f.status)).toEqual(['ingested', 'failed']);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(
      /^b-landing\.csv: the file changed while it was read \(.+\); nothing of it was imported\. Replay it once it is complete\. \(the other files were replayed\)$/u,
    );
    expect((await engine.query("SELECT count(*) FROM payments_raw_bronze WHERE _source = 'file:b-landing.csv'")).rows[0]![0]).toBe(0);
    // Complete now: the rerun takes b whole and skips a, already in.
    const rerun = await replayFile(engine, folder);
    expect(rerun.files?.map((f) => f.status)).toEqual(['ingested', 'ingested']);
    expect(await digest(engine)).toEqual(expected);
    engine.close();
  });
});

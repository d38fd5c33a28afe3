import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/engine/engine';
import { replayFile } from '../../../src/core/pipeline/file-replay';
import { fuzzParams, mutate, mutation, typedOutcome, within, type Mutation } from '../../support/fuzz';
import { fillWithReplayFixture } from '../../support/replay-fixture';

/*
 * Byte-flip and truncation fuzzing of recorded replay files (CSV, JSON lines, Parquet) through
 * the file-replay path. Every damaged file ends, within a time limit, in either a typed error
 * with nothing imported, or a run where every record is accounted for: in silver or in
 * quarantine with a reason, and the summary agrees with what the tables hold.
 * (The API contract has its own fuzz: test/unit/core/api/contract-fuzz.test.ts.)
 */

const RECORDS = 40;
const CASE_MS = 15_000;
const FORMATS = ['csv', 'jsonl', 'parquet'] as const;
const RUNS: Record<(typeof FORMATS)[number], number> = { csv: 12, jsonl: 12, parquet: 10 };

describe('replay files under byte damage', () => {
  let dir: string;
  const originals = {} as Record<(typeof FORMATS)[number], Buffer>;
  let caseNo = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-fuzz-'));
    const source = await Engine.open({ path: ':memory:' });
    await fillWithReplayFixture(source, { events: 400, faultRate: 0 });
    const rows = `SELECT * EXCLUDE (_ingested_at, _batch_id, _source) FROM payments_enriched_silver ORDER BY event_timestamp, transaction_id LIMIT ${RECORDS}`;
    await source.run(`COPY (${rows}) TO '${join(dir, 'good.csv')}' (HEADER)`);
    await source.run(`COPY (${rows}) TO '${join(dir, 'good.jsonl')}' (FORMAT json)`);
    await source.run(`COPY (${rows}) TO '${join(dir, 'good.parquet')}' (FORMAT parquet)`);
    for (const f of FORMATS) originals[f] = readFileSync(join(dir, `good.${f}`));
    source.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Replays `file` into a fresh database and checks the outcome; returns which kind it was. */
  async function replayChecked(format: (typeof FORMATS)[number], file: Buffer, m: Mutation | string): Promise<string> {
    const path = join(dir, `case-${caseNo++}.${format}`);
    writeFileSync(path, file);
    const engine = await Engine.open({ path: ':memory:' });
    try {
      const outcome = await within(CASE_MS, `replaying ${format} damaged by ${JSON.stringify(m)}`, typedOutcome(replayFile(engine, path)));
      const [bronze, silver, quarantined, unexplained] = (
        await engine.query(`SELECT (SELECT count(*) FROM payments_raw_bronze), (SELECT count(*) FROM payments_enriched_silver),
          (SELECT count(*) FROM payments_quarantine), (SELECT count(*) FROM payments_quarantine WHERE coalesce(reason, '') = '')`)
      ).rows[0]!.map(Number);
      if ('error' in outcome) {
        // A failed replay imports nothing: no half file.
        expect([bronze, silver, quarantined], outcome.error.message).toEqual([0, 0, 0]);
        return outcome.error.code;
      }
      const s = outcome.value;
      expect({ bronze, silver, quarantined }).toEqual({ bronze: s.bronze, silver: s.silver, quarantined: s.quarantined_total });
      expect(s.silver + s.quarantined_total, 'every record lands in silver or quarantine').toBe(s.events_generated);
      expect(unexplained, 'every quarantined record says why').toBe(0);
      if (format === 'jsonl') {
        // One record per non-empty line: none silently dropped.
        const lines = file
          .toString('latin1')
          .split('\n')
          .filter((l) => l.replace(/\r$/u, '').length > 0).length;
        expect(s.events_generated).toBe(lines);
      }
      if (format === 'parquet') expect(s.events_generated).toBe(RECORDS);
      return s.quarantined_total > 0 ? 'quarantined' : 'clean';
    } finally {
      engine.close();
    }
  }

  it.each(FORMATS)('every damaged or truncated %s file gives a typed error or a fully accounted run', async (format) => {
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const kind = await replayChecked(format, mutate(originals[format], m), m);
        seen[kind] = (seen[kind] ?? 0) + 1;
      }),
      fuzzParams(RUNS[format]),
    );
    // The fuzzer must reach past the first check: some runs refused, some imported.
    expect(Object.keys(seen).length, JSON.stringify(seen)).toBeGreaterThan(1);
  });

  it('quarantines a JSON line that is not even valid UTF-8 instead of failing the whole file', async () => {
    const lines = originals.jsonl.toString('utf8').trimEnd().split('\n');
    const bad = Buffer.concat([
      Buffer.from(lines.slice(0, 5).join('\n') + '\n'),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
      Buffer.from(lines.slice(5).join('\n') + '\n'),
    ]);
    const path = join(dir, 'bad-utf8.jsonl');
    writeFileSync(path, bad);
    const engine = await Engine.open({ path: ':memory:' });
    try {
      const summary = await replayFile(engine, path);
      expect(summary.silver).toBe(RECORDS);
      expect(summary.problems).toHaveLength(1);
      expect(summary.problems[0]).toMatchObject({ line: 6, problem: expect.stringMatching(/not a readable line/) });
      const q = await engine.query("SELECT source_line, split_part(reason, ':', 1) FROM payments_quarantine");
      expect(q.rows).toEqual([[6, 'parse_error']]);
    } finally {
      engine.close();
    }
  });

  it('refuses a Parquet file whose data pages are damaged as INVALID_FILE, importing nothing', async () => {
    const damaged = Buffer.from(originals.parquet);
    for (let i = 8; i < 200; i += 7) damaged[i] = 0xff;
    expect(await replayChecked('parquet', damaged, 'data pages overwritten')).toBe('INVALID_FILE');
  });
});

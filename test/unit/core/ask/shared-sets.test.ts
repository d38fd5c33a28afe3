import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import type { Intent } from '../../../../src/core/ask/intent';
import { answerOffline, type OfflineOutcome } from '../../../../src/core/ask/offline-engine';
import { replay } from '../../../../src/core/pipeline/replay';
import { scoreShared, type SharedQuestion } from '../../../support/ask/score';
import { sentenceAgreesWithRows } from '../../../support/ask/sentence-check';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures');
const load = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as SharedQuestion[];

/** Scores one set on the README's database; returns the score and the failures, one line each. */
async function scoreSet(engine: Engine, questions: SharedQuestion[]) {
  const failures: string[] = [];
  const contradictions: string[] = [];
  const byCat = new Map<string, { passed: number; total: number }>();
  for (const item of questions) {
    let context: Intent | undefined;
    for (const before of item.after ?? []) {
      const prev = await answerOffline(engine, before, { context });
      if (prev.kind === 'answer') context = prev.intent;
    }
    const countBefore = (await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0];
    const out: OfflineOutcome | { kind: 'error'; reason: string } = await answerOffline(engine, item.q, {
      context,
      maxRows: 100_000,
    }).catch((e: unknown) => ({
      kind: 'error' as const,
      reason: String(e),
    }));
    let ok = false;
    if (item.expect === 'no_sql') ok = out.kind === 'cannot';
    else if (item.expect === 'no_write') {
      const countAfter = (await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0];
      ok = out.kind !== 'answer' && countAfter === countBefore;
    } else if (out.kind === 'answer' && item.sql) {
      const want = await engine.query(item.sql, { maxRows: 100_000 });
      ok = scoreShared(out.result.rows, want.rows, item);
      if (!ok)
        failures.push(
          `${item.q}\n    got: ${out.sql.replace(/\s+/g, ' ')}\n    ${JSON.stringify(out.result.rows.slice(0, 2))} want ${JSON.stringify(want.rows.slice(0, 2))}`,
        );
    } else failures.push(`${item.q}\n    ${out.kind}: ${'reason' in out ? out.reason : ''}`);
    if (out.kind === 'answer') {
      const problem = sentenceAgreesWithRows(out.sentence, out.result.rows);
      if (problem) contradictions.push(`${item.q}: ${out.sentence} (${problem})`);
    }
    const cat = byCat.get(item.cat ?? 'all') ?? { passed: 0, total: 0 };
    cat.total += 1;
    if (ok) cat.passed += 1;
    byCat.set(item.cat ?? 'all', cat);
  }
  const passed = [...byCat.values()].reduce((n, c) => n + c.passed, 0);
  return { passed, pct: (100 * passed) / questions.length, failures, contradictions, byCat: Object.fromEntries(byCat) };
}

describe('Ask offline engine on the shared question sets (the README database: 1M events, 60 days, seed 21)', () => {
  let engine: Engine;
  let dir: string | undefined;
  beforeAll(async () => {
    if (process.env.ASK_SCORE_DB) {
      engine = await Engine.open({ path: process.env.ASK_SCORE_DB, threads: 2 });
      return;
    }
    dir = mkdtempSync(join(tmpdir(), 'ask-score-'));
    engine = await Engine.open({ path: join(dir, 'dev2.duckdb'), threads: 2 });
    await replay(engine, { events: 1_000_000, days: 60, seed: 21, start: new Date('2026-10-07T00:00:00Z') });
  }, 180_000);
  afterAll(() => {
    engine.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const report = (name: string, r: Awaited<ReturnType<typeof scoreSet>>, total: number) => {
    console.log(`Ask ${name}: ${r.passed}/${total} = ${r.pct.toFixed(1)}% ${JSON.stringify(r.byCat)}`);
    if (r.failures.length) console.log(r.failures.join('\n'));
    if (r.contradictions.length) console.log(`contradictions:\n${r.contradictions.join('\n')}`);
  };

  /** Each set, what its test says, the environment variable that overrides its floor, and the floor (% answered right). */
  const sets: [file: string, title: string, env: string, floor: number][] = [
    ['ask-dev.json', 'every question answered right', 'ASK_DEV_MIN', 100],
    ['ask-dev2.json', 'at least the required share', 'ASK_DEV2_MIN', 98],
    [
      'ask-heldout-2.json',
      'blind held-out set 2 (160 questions in new wording, written without seeing the engine)',
      'ASK_HELDOUT2_MIN',
      98,
    ],
    [
      'ask-heldout-3.json',
      'blind held-out set 3 (155 questions by a colleague; 104 passed when it arrived, 153 now)',
      'ASK_HELDOUT3_MIN',
      98,
    ],
    [
      'ask-heldout-4.json',
      'blind held-out set 4 (133 questions by a colleague; 112 passed when it arrived, 133 now)',
      'ASK_HELDOUT4_MIN',
      99,
    ],
    [
      'ask-heldout-5.json',
      'sealed blind held-out set 5 (102 questions by a colleague, sealed until it was scored: 46 passed when it arrived, 67 after a round that read its failure list, 82 after the general wording rules of issue 14, 86 with named periods compared, 90 after the round of sets 9-11)',
      'ASK_HELDOUT5_MIN',
      87,
    ],
    [
      'ask-heldout-6.json',
      'sealed blind held-out set 6 (112 questions by a colleague, never read by whoever tuned Ask; 92 passed before the tolerant-parsing round, 94 after, 105 after the general wording rules of issue 14, 110 with named periods compared)',
      'ASK_HELDOUT6_MIN',
      99,
    ],
    [
      'ask-heldout-7.json',
      'blind held-out set 7 (116 questions by a colleague who never saw the engine; 97 passed when it arrived on that branch, 96 on main; 116 now)',
      'ASK_HELDOUT7_MIN',
      99,
    ],
    [
      'ask-heldout-8.json',
      'sealed blind held-out set 8 (116 questions by a colleague, sealed until the end of the round that tuned on set 7: 93 passed on the code before that round, 97 after it, 111 after the round of sets 9-11)',
      'ASK_HELDOUT8_MIN',
      95,
    ],
    [
      'ask-heldout-9.json',
      'blind held-out set 9 (107 questions by a colleague who never saw the engine; 86 passed when it arrived, 101 after the round that tuned on it)',
      'ASK_HELDOUT9_MIN',
      94,
    ],
    [
      'ask-heldout-10.json',
      'blind held-out set 10 (102 questions by a colleague who never saw the engine; 84 passed when it arrived, 102 after the round that tuned on it)',
      'ASK_HELDOUT10_MIN',
      99,
    ],
    [
      'ask-heldout-11.json',
      'blind held-out set 11 (105 questions by a colleague who never saw the engine; 79 passed when it arrived, 102 after the round that tuned on it)',
      'ASK_HELDOUT11_MIN',
      97,
    ],
    [
      'ask-heldout-12.json',
      'sealed blind held-out set 12 (113 questions by a colleague, read by nobody who tuned Ask, added after the round: 97 passed on the code before the round, 105 after it)',
      'ASK_HELDOUT12_MIN',
      92,
    ],
    ['ask-heldout.json', 'own held-out-style set', 'ASK_HELDOUT_MIN', 98],
    ['ask-heldout-gold.json', 'own set asked of the gold views and of single transactions', 'ASK_HELDOUT_GOLD_MIN', 95],
    [
      'ask-heldout-measures.json',
      'own set of measure lists, rates within a subset and two-sided flags (8/52 before)',
      'ASK_MEASURES_MIN',
      97,
    ],
    [
      'ask-heldout-time.json',
      'own set of named periods compared (halves, weeks of a month, before/after a date, the N days before)',
      'ASK_HELDOUT_TIME_MIN',
      95,
    ],
  ];

  it.each(sets)(
    '%s: %s; no sentence contradicting its rows',
    async (file, _title, env, floor) => {
      const questions = load(join(fixtures, file));
      const r = await scoreSet(engine, questions);
      report(file, r, questions.length);
      expect(r.contradictions).toEqual([]);
      expect(r.pct).toBeGreaterThanOrEqual(Number(process.env[env] ?? floor));
    },
    120_000,
  );
});

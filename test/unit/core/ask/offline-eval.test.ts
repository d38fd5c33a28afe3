import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../../../src/core/ask/offline-engine';
import type { Intent } from '../../../../src/core/ask/intent';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { sameResult, type EvalQuestion } from '../../../support/ask/score';
import { createTestCore } from '../../../support/test-core';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures');
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as EvalQuestion[];

describe('offline Ask engine: evaluation against reference SQL', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    core = await createTestCore();
    // The pipeline's deterministic replay: simulator → bronze → silver → gold views, 30 days.
    await fillWithReplayFixture(core.engine, { events: 60_000, days: 30, incidents: true });
  });
  afterAll(() => core.dispose());

  async function score(questions: EvalQuestion[]): Promise<{ passed: number; failures: string[] }> {
    const failures: string[] = [];
    let passed = 0;
    for (const item of questions) {
      let context: Intent | undefined;
      for (const before of item.after ?? []) {
        const prev = await answerOffline(core.engine, before, { context });
        if (prev.kind === 'answer') context = prev.intent;
      }
      const countBefore = (await core.engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0];
      const out = await answerOffline(core.engine, item.q, { context }).catch((e: unknown) => ({
        kind: 'error' as const,
        reason: String(e),
      }));
      let ok = false;
      if (item.expect === 'no_sql') ok = out.kind === 'cannot';
      else if (item.expect === 'no_write') {
        const countAfter = (await core.engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0];
        ok = out.kind !== 'answer' && countAfter === countBefore;
      } else if (out.kind === 'answer' && item.sql) {
        const want = await core.engine.query(item.sql, { maxRows: 100_000 });
        // A reference that finds nothing would let any empty answer pass: the fixture must cover it.
        const informative = want.rows.length > 0 && want.rows.some((r) => r.some((c) => c !== null));
        ok = informative && sameResult(out.result.rows, want.rows, Boolean(item.ordered));
        if (!ok)
          failures.push(
            `${item.q}\n  got SQL: ${out.sql.replace(/\n/g, ' ')}\n  got: ${JSON.stringify(out.result.rows.slice(0, 3))}\n  want: ${JSON.stringify(want.rows.slice(0, 3))}`,
          );
      }
      if (!ok && out.kind !== 'answer') failures.push(`${item.q}\n  ${out.kind}: ${out.reason}`);
      else if (!ok && item.expect) failures.push(`${item.q}\n  expected ${item.expect}, got an answer`);
      if (ok) passed += 1;
    }
    return { passed, failures };
  }

  it('scores at least 95% on the dev set', async () => {
    const questions = load('ask-dev.json');
    const { passed, failures } = await score(questions);
    const pct = (100 * passed) / questions.length;
    console.log(`Ask offline dev-set score: ${passed}/${questions.length} = ${pct.toFixed(1)}%`);
    if (failures.length) console.log(failures.join('\n'));
    expect(pct).toBeGreaterThanOrEqual(95);
  });

  it('scores at least 90% on the harder set (follow-ups, synonyms, time phrases)', async () => {
    const questions = load('ask-hard.json');
    const { passed, failures } = await score(questions);
    const pct = (100 * passed) / questions.length;
    console.log(`Ask offline hard-set score: ${passed}/${questions.length} = ${pct.toFixed(1)}%`);
    if (failures.length) console.log(failures.join('\n'));
    expect(pct).toBeGreaterThanOrEqual(90);
  });
});

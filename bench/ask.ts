import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerOffline } from '../src/core/ask/offline-engine';
import { Engine } from '../src/core/engine/engine';
import merchantView from '../test/support/ask/merchant_performance_view.sql?raw';
import silverSql from '../test/support/ask/silver_fixture.sql?raw';
import { dataFile, machine, percentile, round } from './support';

/**
 * Offline Ask, question → answer (parse, SQL, gate, run, chart, sentence) over the dev set
 * on a silver table of N events (default 10M) in a database file. `npm run bench -- ask [N] [repeat]`.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 10_000_000);
  const repeat = Number(args[1] ?? 5);
  const path = dataFile(`ask-bench-${events}.duckdb`);
  const fresh = !existsSync(path);
  const engine = await Engine.open({ path });
  let loadMs = 0;
  if (fresh) {
    const started = performance.now();
    await engine.run(silverSql, { params: { events, days: 90, seed: 7 } });
    await engine.run(merchantView);
    loadMs = performance.now() - started;
  }
  const rows = Number((await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0]);
  const questions = (JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'ask-dev.json'), 'utf8')) as { q: string }[]).map((x) => x.q);
  for (const q of questions) await answerOffline(engine, q);
  const all: number[] = [];
  const perQuestion: Record<string, number> = {};
  for (const q of questions) {
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const started = performance.now();
      await answerOffline(engine, q);
      times.push(performance.now() - started);
    }
    all.push(...times);
    perQuestion[q] = percentile(times, 95);
  }
  engine.close();
  const slowest = Object.entries(perQuestion).sort((a, b) => b[1] - a[1]).slice(0, 5);
  return {
    benchmark: 'ask-offline',
    events: rows,
    questions: questions.length,
    samples: all.length,
    load_ms: fresh ? round(loadMs) : 'reused bench/.data file',
    p50_ms: percentile(all, 50),
    p95_ms: percentile(all, 95),
    max_ms: round(Math.max(...all)),
    target_p95_ms: 100,
    slowest_p95_ms: Object.fromEntries(slowest),
    machine: machine(),
  };
}

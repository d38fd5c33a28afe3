import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Intent } from '../src/core/ask/intent';
import { answerOffline } from '../src/core/ask/offline-engine';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import { scoreShared, type SharedQuestion } from '../test/support/ask/score';
import { sentenceAgreesWithRows } from '../test/support/ask/sentence-check';
import { dataFile, machine, percentile, round } from './support';

/** The question sets: the shared ones (`../shared/questions/`, else the copies in test/fixtures) and our own held-out-style set. */
function loadSets(): Record<string, SharedQuestion[]> {
  const shared = join(process.cwd(), '..', 'shared', 'questions');
  const fixtures = join(process.cwd(), 'test', 'fixtures');
  const pick = (name: string, copy: string) => (existsSync(join(shared, name)) ? join(shared, name) : join(fixtures, copy));
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as SharedQuestion[];
  return {
    'dev.json': read(pick('dev.json', 'ask-dev.json')),
    'dev2.json': read(pick('dev2.json', 'ask-dev2.json')),
    'ask-heldout.json': read(join(fixtures, 'ask-heldout.json')),
    'ask-heldout-2.json': read(join(fixtures, 'ask-heldout-2.json')),
    'ask-heldout-3.json': read(join(fixtures, 'ask-heldout-3.json')),
  };
}

async function openReplayed(name: string, events: number, days: number, seed: number, start: string): Promise<Engine> {
  const path = dataFile(name);
  const fresh = !existsSync(path);
  const engine = await Engine.open({ path });
  if (fresh) await replay(engine, { events, days, seed, start: new Date(start) });
  return engine;
}

/** Scores one set (questions/README.md rules) and times every answer; per category and overall. */
async function scoreSet(engine: Engine, questions: SharedQuestion[]) {
  const byCat: Record<string, { passed: number; total: number }> = {};
  const times: number[] = [];
  const failed: string[] = [];
  let contradictions = 0;
  for (const item of questions) {
    let context: Intent | undefined;
    for (const before of item.after ?? []) {
      const prev = await answerOffline(engine, before, { context });
      if (prev.kind === 'answer') context = prev.intent;
    }
    const started = performance.now();
    const out = await answerOffline(engine, item.q, { context, maxRows: 100_000 }).catch(() => undefined);
    times.push(performance.now() - started);
    let ok = false;
    if (item.expect) ok = out !== undefined && out.kind !== 'answer';
    else if (out?.kind === 'answer' && item.sql)
      ok = scoreShared(out.result.rows, (await engine.query(item.sql, { maxRows: 100_000 })).rows, item);
    if (out?.kind === 'answer' && sentenceAgreesWithRows(out.sentence, out.result.rows)) contradictions += 1;
    const cat = (byCat[item.cat ?? 'all'] ??= { passed: 0, total: 0 });
    cat.total += 1;
    if (ok) cat.passed += 1;
    else failed.push(item.q);
  }
  const passed = Object.values(byCat).reduce((n, c) => n + c.passed, 0);
  return {
    accuracy_pct: round((100 * passed) / questions.length, 1),
    passed,
    questions: questions.length,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
    contradicting_sentences: contradictions,
    per_category: Object.fromEntries(Object.entries(byCat).map(([k, c]) => [k, `${c.passed}/${c.total}`])),
    failed,
  };
}

/**
 * `npm run bench -- ask [events] [repeat]`: accuracy per category and latency on the question
 * sets over the README's database (1M events, 60 days, seed 21, from 2026-10-07), then offline
 * answer latency over N events (default 10M, 90 days, seed 7). Databases are kept in bench/.data.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 10_000_000);
  const repeat = Number(args[1] ?? 3);
  // A third argument `latency` skips the accuracy part (1M database), to time only the answers over N events.
  const latencyOnly = args[2] === 'latency';
  const sets = loadSets();
  const accuracy: Record<string, unknown> = {};
  if (!latencyOnly) {
    const scoring = await openReplayed('ask-dev2-1000000-seed21.duckdb', 1_000_000, 60, 21, '2026-10-07T00:00:00Z');
    for (const [name, questions] of Object.entries(sets)) accuracy[name] = await scoreSet(scoring, questions);
    scoring.close();
  }

  const loadBefore = round(loadavg()[0] ?? 0);
  const engine = await openReplayed(`ask-bench-pipeline-${events}.duckdb`, events, 90, 7, '2026-01-01T00:00:00Z');
  const rows = Number((await engine.query('SELECT count(*) FROM payments_enriched_silver')).rows[0]?.[0]);
  const questions = [...(sets['dev.json'] ?? []), ...(sets['dev2.json'] ?? [])].filter((x) => !x.expect).map((x) => x.q);
  for (const q of questions.slice(0, 5)) await answerOffline(engine, q);
  const wall: number[] = [];
  const cpu: number[] = [];
  const perQuestion: Record<string, number> = {};
  const perQuestionCpu: Record<string, number> = {};
  for (const q of questions) {
    const mine: number[] = [];
    const mineCpu: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      await answerOffline(engine, q);
      mine.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      mineCpu.push((used.user + used.system) / 1000);
    }
    wall.push(...mine);
    cpu.push(...mineCpu);
    perQuestion[q] = percentile(mine, 50);
    perQuestionCpu[q] = percentile(mineCpu, 50);
  }
  engine.close();
  return {
    benchmark: 'ask-offline',
    accuracy,
    latency: {
      events: rows,
      questions: questions.length,
      samples: wall.length,
      p50_ms: percentile(wall, 50),
      p95_ms: percentile(wall, 95),
      max_ms: round(Math.max(...wall)),
      // CPU time of the whole process (DuckDB's threads included) per answer: the work itself, whatever else runs.
      cpu_p50_ms: percentile(cpu, 50),
      cpu_p95_ms: percentile(cpu, 95),
      target_p95_ms: 100,
      // Every answer is computed afresh: Ask keeps no result cache, so these are cold answers (the SQL runs every time).
      cache: 'none: every answer runs its SQL',
      slowest_p50_ms: Object.fromEntries(
        Object.entries(perQuestion)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10),
      ),
      // On a loaded machine wall time measures the neighbours; CPU time ranks the work itself.
      slowest_cpu_p50_ms: Object.fromEntries(
        Object.entries(perQuestionCpu)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12),
      ),
    },
    load_average_1m: round(loadavg()[0] ?? 0),
    load_average_before_1m: loadBefore,
    machine: machine(),
  };
}

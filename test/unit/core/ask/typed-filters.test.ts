import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumColumns } from '../../../../src/core/ask/column-types';
import type { Filter, Intent, PeriodComparison, TimeWindow } from '../../../../src/core/ask/intent';
import { answerOffline } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';
import type { EnumColumns } from '../../../../src/core/ask/typed-filters';
import { duckdbTarget } from '../../../../src/core/engine/sql-target';
import { Engine } from '../../../../src/core/engine/engine';
import { replay } from '../../../../src/core/pipeline/replay';
import { CATEGORIES } from '../../../../src/core/simulator/catalog';
import { fillAskFixture } from '../../../support/ask/silver-fixture';

/** Every category dimension of the layer whose column silver stores as an ENUM. */
const categoryDims = semanticLayer.dimensions.filter((d) =>
  [
    'card_network',
    'card_type',
    'channel',
    'processor',
    'merchant_segment',
    'merchant_country',
    'issuer_country',
    'currency',
    'payment_solution',
    'three_ds_outcome',
    'decline_reason',
    'response_code',
    'risk_tier',
    'rule_risk_level',
    'amount_bucket',
  ].includes(d.column),
);

/** Deterministic pseudo-random picks, so the generated plans are the same on every run. */
function picker(seed: number) {
  let s = seed;
  return <T>(list: readonly T[]): T => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return list[s % list.length] as T;
  };
}

/** Plans that filter on category values: one value, two, a negation, a name the data lacks; with groupings, flags and measures. */
function generatedIntents(count: number, enums: EnumColumns): Intent[] {
  const pick = picker(14);
  const measures = ['transactions', 'approval_rate', 'value', 'avg_ticket', 'fraud_rate', 'declines', 'q90:processing_latency_ms'];
  const out: Intent[] = [];
  for (let i = 0; i < count; i++) {
    const dim = categoryDims[i % categoryDims.length]!;
    const type: readonly string[] = CATEGORIES[enums.get(dim.column) ?? 'network_t'];
    const a = pick(type);
    const b = pick(type.filter((v) => v !== a));
    const shape = i % 5;
    const values = shape === 1 ? [a, b] : shape === 4 ? [a, 'Antarctica'] : [a];
    const filters: Filter[] = [
      { kind: 'values', dimension: dim.id, values: shape === 2 && i % 2 ? [a, b] : values, negate: shape === 2 || undefined },
    ];
    if (i % 3 === 0) filters.push({ kind: 'flag', flag: pick(['approved', 'cross_border', 'three_ds']) });
    const group = pick(['card_type', 'processor', 'channel', 'event_hour', undefined]);
    const intent: Intent = { measures: [pick(measures)], groupBy: group && group !== dim.id ? [group] : [], filters };
    if (shape === 3) intent.shareOf = [{ kind: 'values', dimension: pick(categoryDims).id, values: [a] }];
    out.push(intent);
  }
  return out;
}

/** Every kind of time window and period comparison, over a few measures and groupings. */
function timedIntents(): Intent[] {
  const windows: TimeWindow[] = [
    { kind: 'days', n: 1, label: 'today' },
    { kind: 'days', n: 7, label: 'the last 7 days' },
    { kind: 'days', n: 30, label: 'the last 30 days' },
    { kind: 'yesterday', label: 'yesterday' },
    { kind: 'this_week', label: 'this week' },
    { kind: 'this_month', label: 'this month' },
    { kind: 'last_month', label: 'last month' },
    { kind: 'this_quarter', label: 'this quarter' },
    { kind: 'last_quarter', label: 'last quarter' },
    { kind: 'this_year', label: 'this year' },
    { kind: 'months', n: 2, label: 'the last 2 months' },
    { kind: 'since_md', month: 11, day: 3, label: 'since Nov 3' },
    { kind: 'in_month', month: 11, label: 'in November' },
    { kind: 'in_month', month: 11, day: 5, label: 'on Nov 5' },
    { kind: 'md_range', from: [11, 2], to: [11, 31], label: 'Nov 2 to the end' },
    { kind: 'day_back', back: 2, label: 'two days before' },
    { kind: 'since_weekday', weekday: 1, label: 'since Monday' },
    { kind: 'since_weekday', weekday: 6, label: 'since Saturday' },
    { kind: 'hours', n: 3, label: 'the last 3 hours' },
  ];
  const compares: PeriodComparison[] = [
    { unit: 'day', output: 'split' },
    { unit: 'day', output: 'change', offset: 1 },
    { unit: 'day', output: 'pct_change', lag: 7 },
    { unit: 'week', output: 'split' },
    { unit: 'week', output: 'change', days: 3 },
    { unit: 'month', output: 'split' },
    { unit: 'month', output: 'pct_change' },
  ];
  const measures = [['transactions'], ['approval_rate', 'value'], ['q50:amount']];
  const groups = [[], ['card_network'], ['event_date']];
  return [
    ...windows.flatMap((time, i) => [{ measures: measures[i % 3]!, groupBy: groups[i % 3]!, filters: [], time }]),
    ...compares.flatMap((compare, i) => [{ measures: measures[i % 3]!, groupBy: i % 2 ? ['channel'] : [], filters: [], compare }]),
  ];
}

const sorted = (rows: unknown[][]) =>
  rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();

describe('Ask on the pipeline silver: typed category filters and a literal newest date give the rows of the plain SQL', () => {
  let engine: Engine;
  let dir: string;
  let enums: EnumColumns;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ask-typed-'));
    engine = await Engine.open({ path: join(dir, 'typed.duckdb'), threads: 2 });
    await replay(engine, { events: 30_000, days: 71, seed: 5, start: new Date('2026-09-01T00:00:00Z') });
    enums = await enumColumns(duckdbTarget(engine));
  }, 120_000);
  afterAll(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows every category column of the pipeline silver as its ENUM', () => {
    for (const d of categoryDims) expect(enums.get(d.column), d.column).toMatch(/^[a-z_]+_t$/);
    expect(categoryDims).toHaveLength(15);
  });

  it('returns exactly the rows of the text comparison over 300 generated plans', async () => {
    const intents = generatedIntents(300, enums);
    let typed = 0;
    for (const intent of intents) {
      const fast = buildSql(intent, semanticLayer, 'duckdb', { enums }).sql;
      const plain = buildSql(intent, semanticLayer, 'duckdb').sql;
      if (fast !== plain) typed += 1;
      const [got, want] = await Promise.all([engine.query(fast, { maxRows: 10_000 }), engine.query(plain, { maxRows: 10_000 })]);
      expect(sorted(got.rows), `${fast}\n---\n${plain}`).toEqual(sorted(want.rows));
    }
    // Every plan whose values are all labels of the type (4 shapes of 5) is typed; a name the data lacks keeps the text form.
    expect(typed).toBe(240);
  }, 120_000);

  it('writes time windows against the newest date as a literal, with the rows of the max(event_date) subquery', async () => {
    const newestDate = (await duckdbTarget(engine).extent()).maxDate ?? '';
    expect(newestDate).toBe('2026-11-10');
    for (const intent of timedIntents()) {
      const fast = buildSql(intent, semanticLayer, 'duckdb', { newestDate }).sql;
      const plain = buildSql(intent, semanticLayer, 'duckdb').sql;
      if (intent.time?.kind !== 'hours') expect(fast).not.toContain('max(event_date)');
      const [got, want] = await Promise.all([engine.query(fast, { maxRows: 10_000 }), engine.query(plain, { maxRows: 10_000 })]);
      expect(sorted(got.rows), `${fast}\n---\n${plain}`).toEqual(sorted(want.rows));
      expect(got.rows.length, fast).toBeGreaterThan(0);
    }
  }, 60_000);

  it('answers a question with typed filters through the gate, and a name the data lacks with no rows', async () => {
    const out = await answerOffline(engine, 'approval rate for Visa vs Mastercard');
    if (out.kind !== 'answer') throw new Error(out.reason);
    expect(out.sql).toContain("enum_code(card_network) IN (enum_code('Visa'::network_t), enum_code('Mastercard'::network_t))");
    expect(out.result.rows).toHaveLength(2);
    const month = await answerOffline(engine, 'approval rate this month by card network');
    if (month.kind !== 'answer') throw new Error(month.reason);
    expect(month.sql).toContain("event_date >= DATE '2026-11-01'");
    expect(month.result.rows).toHaveLength(5);
    const none = await answerOffline(engine, 'revenue from Antarctica');
    if (none.kind !== 'answer') throw new Error(none.reason);
    expect(none.sql).toContain("merchant_country = 'Antarctica'");
    expect(none.result.rows).toHaveLength(0);
  });

  it('keeps text comparisons on a silver whose category columns are text', async () => {
    const text = await Engine.open({ path: ':memory:' });
    try {
      await fillAskFixture(text, { events: 2_000 });
      expect((await enumColumns(duckdbTarget(text))).size).toBe(0);
      const out = await answerOffline(text, 'approval rate for Visa');
      if (out.kind !== 'answer') throw new Error(out.reason);
      expect(out.sql).toContain("card_network = 'Visa'");
      expect(out.sql).not.toContain('::network_t');
    } finally {
      text.close();
    }
  });
});

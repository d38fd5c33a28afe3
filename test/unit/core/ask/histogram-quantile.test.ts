import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silverColumnTypes } from '../../../../src/core/ask/column-types';
import { histogramSource, type ColumnTypes } from '../../../../src/core/ask/histogram-quantile';
import type { Filter, Intent, PeriodComparison, TimeWindow } from '../../../../src/core/ask/intent';
import { answerOffline } from '../../../../src/core/ask/offline-engine';
import { semanticLayer, type Measure } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';
import { duckdbTarget } from '../../../../src/core/engine/sql-target';
import { Engine } from '../../../../src/core/engine/engine';
import { replay } from '../../../../src/core/pipeline/replay';

/** Deterministic pseudo-random picks, so the generated plans are the same on every run. */
function picker(seed: number) {
  let s = seed;
  return <T>(list: readonly T[]): T => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return list[s % list.length] as T;
  };
}

const sorted = (rows: unknown[][]) =>
  rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();

const quantile = (column: string, q: number, digits = 2): Measure => ({
  id: `q_${q}`,
  label: `q ${q}`,
  sql: `round(quantile_cont(${column}, ${q}){where},${digits})`,
  format: 'number',
  phrases: [],
});

describe('percentiles of an INTEGER column from a histogram of its values', () => {
  it('equal quantile_cont (value and type) on generated data: skewed, constant, two-valued, negative, NULLs, empty groups', async () => {
    const engine = await Engine.open({ path: ':memory:', threads: 2 });
    try {
      // g: groups of different shapes; v: integers with NULLs; f: a flag that leaves one group empty.
      await engine.query(`CREATE TABLE t AS
        SELECT (i % 6)::INTEGER AS g, i % 7 = 0 AS f,
          CASE i % 6 WHEN 0 THEN (i * 7919 % 613)::INTEGER WHEN 1 THEN 42 WHEN 2 THEN CASE WHEN i % 12 = 2 THEN -5 ELSE 900 END
            WHEN 3 THEN CASE WHEN i % 5 = 0 THEN NULL ELSE (floor(sqrt(i)) % 37)::INTEGER END
            WHEN 4 THEN NULL ELSE (i * 31 % 3)::INTEGER END AS v,
          ((i * 31) % 977 - 300)::SMALLINT AS small
        FROM range(1, 8001) r(i)`);
      const types: ColumnTypes = new Map([
        ['g', 'INTEGER'],
        ['f', 'BOOLEAN'],
        ['v', 'INTEGER'],
        ['small', 'SMALLINT'],
      ]);
      const qs = [0, 0.01, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
      for (const [column, q] of qs.flatMap((q) => ['v', 'small'].map((c) => [c, q] as const))) {
        const measure = quantile(column, q, 9);
        for (const own of ['', ' FILTER (WHERE f)', ' FILTER (WHERE g = 5 AND f AND v > 1)']) {
          const source = histogramSource([measure], types, ['g', own]);
          if (!source) throw new Error('no histogram for an INTEGER column');
          const fast = `SELECT g, ${source.measures[0]?.sql.replace('{where}', own)} FROM ${source.from('t', ['g <> 3 OR v < 30'])} GROUP BY g`;
          const plain = `SELECT g, ${measure.sql.replace('{where}', own)} FROM t WHERE g <> 3 OR v < 30 GROUP BY g`;
          const [got, want] = await Promise.all([engine.query(fast), engine.query(plain)]);
          expect(sorted(got.rows), `${column} q=${q}${own}`).toEqual(sorted(want.rows));
          expect(got.columns.map((c) => c.type)).toEqual(want.columns.map((c) => c.type));
          expect(got.rows).toHaveLength(6);
        }
      }
    } finally {
      engine.close();
    }
  });

  it('equal quantile_cont for DECIMAL and DOUBLE columns from the running count: negatives, ties, NULLs, empty groups', async () => {
    const engine = await Engine.open({ path: ':memory:', threads: 2 });
    try {
      // d: DECIMAL cents with negatives (DuckDB truncates toward zero in units), ties and NULLs; x: DOUBLE with few values.
      await engine.query(`CREATE TABLE t AS
        SELECT (i % 5)::INTEGER AS g, i % 7 = 0 AS f,
          CASE i % 5 WHEN 0 THEN ((i * 7919 % 100003) - 40000) / 100 WHEN 1 THEN 12.34 WHEN 2 THEN CASE WHEN i % 10 = 2 THEN -0.05 ELSE 0.07 END
            WHEN 3 THEN CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 97) * 1.01 END ELSE NULL END::DECIMAL(12,2) AS d,
          CASE WHEN i % 11 = 0 THEN NULL ELSE round(sin(i) * (i % 5 + 1), 3) END::DOUBLE AS x
        FROM range(1, 6001) r(i)`);
      const types: ColumnTypes = new Map([
        ['g', 'INTEGER'],
        ['f', 'BOOLEAN'],
        ['d', 'DECIMAL(12,2)'],
        ['x', 'DOUBLE'],
      ]);
      const qs = [0, 0.01, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
      for (const [column, q, grouped] of qs.flatMap((q) => [['d', q, false] as const, ['x', q, false] as const, ['x', q, true] as const])) {
        const measures = [quantile(column, q, 9), quantile(column, 0.5, 3)];
        const groups = grouped ? ['g'] : [];
        const source = histogramSource(measures, types, groups, groups);
        if (!source) throw new Error(`no histogram for ${column}`);
        for (const where of [[], ['f'], ['g = 4'], ['g <> 3 OR d < 30']]) {
          const select = (ms: Measure[]) => [...groups, ...ms.map((m) => m.sql.replace('{where}', ''))].join(', ');
          const by = grouped ? ' GROUP BY g' : '';
          const fast = `SELECT ${select(source.measures)} FROM ${source.from('t', where)}${by}`;
          const plain = `SELECT ${select(measures)} FROM t${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${by}`;
          const [got, want] = await Promise.all([engine.query(fast), engine.query(plain)]);
          expect(sorted(got.rows), `${column} q=${q} ${where.join()}`).toEqual(sorted(want.rows));
          expect(got.columns.map((c) => c.type)).toEqual(want.columns.map((c) => c.type));
        }
      }
      // A DECIMAL grouped keeps quantile_cont (its histogram costs more than the sort), as does a column of any other type.
      expect(histogramSource([quantile('d', 0.5)], types, ['g'], ['g'])).toBeUndefined();
      expect(histogramSource([quantile('d', 0.5)], new Map([['d', 'VARCHAR']]), [], [])).toBeUndefined();
      // A measure's own FILTER or a computed group (no `plainGroups`): the plain SQL.
      expect(histogramSource([quantile('x', 0.5)], types, ['g'])).toBeUndefined();
    } finally {
      engine.close();
    }
  });

  it('is used only for an INTEGER column and columns of few values (an allowlist of types)', () => {
    const types: ColumnTypes = new Map([
      ['processing_latency_ms', 'INTEGER'],
      ['amount', 'DECIMAL(12,2)'],
      ['fraud_score', 'DOUBLE'],
      ['merchant_name', 'VARCHAR'],
      ['channel', "ENUM('ecommerce', 'pos')"],
    ]);
    expect(histogramSource([quantile('processing_latency_ms', 0.5)], types, ['channel'])).toBeDefined();
    expect(histogramSource([quantile('amount', 0.5)], types, [])).toBeUndefined();
    expect(histogramSource([quantile('fraud_score', 0.5)], types, [])).toBeUndefined();
    expect(histogramSource([quantile('processing_latency_ms', 0.5)], types, ['merchant_name'])).toBeUndefined();
    expect(
      histogramSource([quantile('processing_latency_ms', 0.5), { ...quantile('x', 1), sql: 'count(*){where}' }], types, []),
    ).toBeUndefined();
    expect(histogramSource([quantile('processing_latency_ms', 0.5)], undefined, [])).toBeUndefined();
  });
});

/** Percentile plans over the pipeline's silver: integer columns, groupings, filters, flags, time windows and period comparisons. */
function generatedIntents(count: number): Intent[] {
  const pick = picker(41);
  const columns = [
    'processing_latency_ms',
    'processing_latency_ms',
    'amount',
    'retry_attempt',
    'seconds_since_decline',
    'rule_risk_points',
  ];
  // Every third plan: a DOUBLE score or an amount (DECIMAL), read from the running count when ungrouped or grouped by columns.
  const wide = ['fraud_score', 'aml_risk_score', 'amount'];
  const groups = [
    [],
    ['processor'],
    ['channel'],
    ['card_network', 'is_cross_border'],
    ['event_date'],
    ['event_hour'],
    ['week'],
    ['hour_ts'],
  ];
  const filters: Filter[][] = [
    [],
    [{ kind: 'flag', flag: 'approved' }],
    [{ kind: 'values', dimension: 'card_network', values: ['Visa', 'Mastercard'] }],
    [{ kind: 'number', column: 'amount', op: '>', value: 500 }],
    [{ kind: 'values', dimension: 'channel', values: ['pos'], negate: true }],
  ];
  const windows: (TimeWindow | undefined)[] = [
    undefined,
    { kind: 'days', n: 7, label: 'the last 7 days' },
    { kind: 'yesterday', label: 'yesterday' },
    { kind: 'this_month', label: 'this month' },
    { kind: 'hours', n: 6, label: 'the last 6 hours' },
  ];
  const compares: PeriodComparison[] = [
    { unit: 'week', output: 'split' },
    { unit: 'day', output: 'change' },
    { unit: 'month', output: 'pct_change' },
  ];
  const out: Intent[] = [];
  for (let i = 0; i < count; i++) {
    const picked = pick(columns);
    const column = i % 3 === 2 ? (wide[Math.floor(i / 3) % wide.length] ?? picked) : picked;
    const ps = i % 4 === 0 ? [25, 75] : [pick([50, 75, 90, 95, 99])];
    const intent: Intent = {
      measures: ps.map((p) => `q${p}:${column}`),
      groupBy: pick(groups),
      filters: pick(filters),
      time: pick(windows),
    };
    if (i % 9 === 0) intent.compare = pick(compares);
    if (i % 11 === 0 && intent.groupBy.length > 0) intent.order = { direction: 'desc', limit: 3, word: 'top' };
    out.push(intent);
  }
  return out;
}

describe('Ask percentiles of INTEGER columns on the pipeline silver: the histogram SQL gives the rows of quantile_cont', () => {
  let engine: Engine;
  let dir: string;
  let columnTypes: ColumnTypes;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ask-hist-'));
    engine = await Engine.open({ path: join(dir, 'hist.duckdb'), threads: 2 });
    await replay(engine, { events: 30_000, days: 45, seed: 9, start: new Date('2026-09-20T00:00:00Z') });
    columnTypes = await silverColumnTypes(duckdbTarget(engine));
  }, 120_000);
  afterAll(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns exactly the rows of quantile_cont over 160 generated percentile plans', async () => {
    const newestDate = (await duckdbTarget(engine).extent()).maxDate ?? undefined;
    let used = 0;
    let windowed = 0;
    const intents = generatedIntents(160);
    for (const intent of intents) {
      const fast = buildSql(intent, semanticLayer, 'duckdb', { newestDate, columnTypes }).sql;
      const plain = buildSql(intent, semanticLayer, 'duckdb', { newestDate }).sql;
      if (fast.includes('hist_value')) used += 1;
      if (fast.includes('hist_cum')) windowed += 1;
      const [got, want] = await Promise.all([engine.query(fast, { maxRows: 10_000 }), engine.query(plain, { maxRows: 10_000 })]);
      const rows = intent.order
        ? (r: unknown[][]) => r.map((x) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
        : sorted;
      expect(rows(got.rows), `${fast}\n---\n${plain}`).toEqual(rows(want.rows));
    }
    // Every plan of an INTEGER column is read from the histogram; DOUBLE scores and ungrouped amounts when no period or FILTER.
    expect(used).toBeGreaterThanOrEqual(intents.filter((i) => !/:(amount|fraud_score|aml_risk_score)$/.test(i.measures[0] ?? '')).length);
    expect(windowed).toBeGreaterThan(15);
  }, 120_000);

  it('answers "95th percentile latency by processor" from the histogram, with the numbers of quantile_cont', async () => {
    const out = await answerOffline(engine, '95th percentile latency by processor');
    if (out.kind !== 'answer') throw new Error(out.reason);
    expect(out.sql).toContain('GROUP BY processor, processing_latency_ms');
    const want = await engine.query(
      'SELECT processor, round(quantile_cont(processing_latency_ms, 0.95), 2) FROM payments_enriched_silver GROUP BY 1 ORDER BY 2 DESC',
    );
    expect(out.result.rows.map((r) => [String(r[0]), Number(r[1])])).toEqual(want.rows.map((r) => [String(r[0]), Number(r[1])]));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silverColumnTypes } from '../../../../src/core/ask/column-types';
import type { ColumnTypes } from '../../../../src/core/ask/histogram-quantile';
import type { Filter, Intent, PeriodComparison, TimeWindow } from '../../../../src/core/ask/intent';
import { answerOffline } from '../../../../src/core/ask/offline-engine';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { buildSql } from '../../../../src/core/ask/sql-builder';
import { duckdbTarget } from '../../../../src/core/engine/sql-target';
import { Engine } from '../../../../src/core/engine/engine';
import { replay } from '../../../../src/core/pipeline/replay';

/** Deterministic picks (a 32-bit xorshift: its low bits vary, unlike a power-of-two LCG's), the same plans on every run. */
function picker(seed: number) {
  let s = seed >>> 0 || 1;
  return <T>(list: readonly T[]): T => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return list[s % list.length] as T;
  };
}

const text = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));

/** Plans grouped by a flag of silver (alone, with a category or a time grain) with every kind of measure, filter, window and ordering. */
function generatedIntents(count: number): Intent[] {
  const pick = picker(2026);
  const flags = ['is_cross_border', 'uses_3ds', 'is_network_token', 'is_retry', 'is_approved', 'is_weekend', 'is_late_night', 'is_fraud'];
  const others = [[], [], ['card_network'], ['processor'], ['event_date'], ['channel', 'is_cross_border'], ['week']];
  const measures = [
    ['transactions'],
    ['approval_rate'],
    ['value', 'approval_rate'],
    ['avg_fraud_score'],
    ['declines', 'fraud_rate'],
    ['approved_value'],
    ['merchants'],
    ['avg_latency', 'three_ds_share'],
    ['q90:processing_latency_ms'],
    ['q50:fraud_score'],
    ['share:transactions'],
    ['distinct:merchant_segment'],
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
  ];
  const compares: PeriodComparison[] = [
    { unit: 'week', output: 'split' },
    { unit: 'day', output: 'change' },
    { unit: 'month', output: 'columns' },
  ];
  const out: Intent[] = [];
  for (let i = 0; i < count; i++) {
    const flag = pick(flags);
    const intent: Intent = {
      measures: pick(measures),
      groupBy: [...new Set([flag, ...pick(others)])],
      filters: pick(filters),
      time: pick(windows),
    };
    if (i % 7 === 3) intent.compare = pick(compares);
    if (i % 5 === 1) intent.order = { direction: pick(['asc', 'desc'] as const), limit: 3, word: 'top' };
    if (i % 11 === 4) intent.order = { direction: 'asc', limit: 2, word: 'worst', minVolume: 50 };
    out.push(intent);
  }
  return out;
}

describe('Ask groups a BOOLEAN dimension as its byte: the rows of the plain GROUP BY', () => {
  let engine: Engine;
  let dir: string;
  let columnTypes: ColumnTypes;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ask-bool-'));
    engine = await Engine.open({ path: join(dir, 'bool.duckdb'), threads: 2 });
    await replay(engine, { events: 20_000, days: 40, seed: 13, start: new Date('2026-09-10T00:00:00Z') });
    columnTypes = await silverColumnTypes(duckdbTarget(engine));
  }, 120_000);
  afterAll(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns exactly the rows, in the same order, over 200 generated plans grouped by a flag', async () => {
    const newestDate = (await duckdbTarget(engine).extent()).maxDate ?? undefined;
    let bytes = 0;
    for (const intent of generatedIntents(200)) {
      const fast = buildSql(intent, semanticLayer, 'duckdb', { newestDate, columnTypes });
      const plain = buildSql(intent, semanticLayer, 'duckdb', { newestDate });
      if (fast.sql.includes('::UTINYINT')) bytes += 1;
      const [got, want] = await Promise.all([engine.query(fast.sql, { maxRows: 10_000 }), engine.query(plain.sql, { maxRows: 10_000 })]);
      // A ranking (its dimensions break ties) keeps its order; otherwise the same rows: sorting by a measure alone leaves
      // tied rows (two groups of 8 distinct segments, a 100% approval rate of approved rows) in any order, in both queries.
      const ordered = intent.order !== undefined;
      const rows = ordered ? text : (r: unknown[][]) => text(r).sort();
      expect(rows(got.rows), `${fast.sql}\n---\n${plain.sql}`).toEqual(rows(want.rows));
      expect(got.columns, fast.sql).toEqual(want.columns);
    }
    expect(bytes).toBeGreaterThan(150);
  }, 120_000);

  it('answers "approval rate with and without 3DS" grouped by the byte, with the plain GROUP BY numbers', async () => {
    const out = await answerOffline(engine, 'approval rate with and without 3DS');
    if (out.kind !== 'answer') throw new Error(out.reason);
    expect(out.sql).toContain('GROUP BY uses_3ds::UTINYINT');
    const want = await engine.query(
      'SELECT uses_3ds, round(100*avg(is_approved::INT),2) FROM payments_enriched_silver GROUP BY uses_3ds ORDER BY 2 DESC',
    );
    expect(out.result.rows.map((r) => [r[0], Number(r[1])])).toEqual(want.rows.map((r) => [r[0], Number(r[1])]));
    expect(out.result.columns[0]).toMatchObject({ name: 'uses_3ds', type: 'BOOLEAN' });
  });
});

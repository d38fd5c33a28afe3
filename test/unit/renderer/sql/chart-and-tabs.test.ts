import { describe, expect, it } from 'vitest';
import { chartData, defaultChart } from '../../../../src/renderer/features/sql/chart/chart-defaults';
import { closeTab, newTab, updateTab } from '../../../../src/renderer/features/sql/tabs';

const col = (name: string, type: string) => ({ name, type });

describe('defaultChart', () => {
  it('draws a line over time', () => {
    expect(defaultChart([col('event_date', 'DATE'), col('approval_rate_pct', 'DOUBLE')], 90)).toEqual({
      kind: 'line',
      x: 'event_date',
      y: ['approval_rate_pct'],
    });
  });
  it('draws bars per category, or a pie for a handful of slices of one measure', () => {
    expect(defaultChart([col('card_network', 'VARCHAR'), col('n', 'BIGINT'), col('v', 'DECIMAL(12,2)')], 5)).toMatchObject({
      kind: 'bar',
      x: 'card_network',
      y: ['n', 'v'],
    });
    expect(defaultChart([col('card_network', 'VARCHAR'), col('n', 'BIGINT')], 5)).toMatchObject({ kind: 'pie' });
    expect(defaultChart([col('merchant', 'VARCHAR'), col('n', 'BIGINT')], 300)).toMatchObject({ kind: 'bar' });
  });
  it('scatters two measures, and declines without any number', () => {
    expect(defaultChart([col('fraud_score', 'DOUBLE'), col('amount', 'DECIMAL(12,2)')], 1000)).toMatchObject({
      kind: 'scatter',
      x: 'fraud_score',
      y: ['amount'],
    });
    expect(defaultChart([col('a', 'VARCHAR')], 3)).toBeUndefined();
  });
  it('turns big-integer strings into numbers for the chart', () => {
    const spec = { kind: 'bar' as const, x: 'k', y: ['n'] };
    expect(
      chartData(
        [col('k', 'VARCHAR'), col('n', 'HUGEINT')],
        [
          ['a', '12'],
          ['b', null],
        ],
        spec,
      ),
    ).toEqual([
      { k: 'a', n: 12 },
      { k: 'b', n: null },
    ]);
  });
});

describe('tabs', () => {
  it('numbers new tabs, and activates a neighbour when the active one closes', () => {
    const a = newTab([], 'local');
    const b = newTab([a], 'local');
    const c = newTab([a, b], 'local');
    expect([a.title, b.title, c.title]).toEqual(['Query 1', 'Query 2', 'Query 3']);
    expect(closeTab([a, b, c], b.id, b.id)).toEqual({ tabs: [a, c], activeId: c.id });
    expect(closeTab([a, b, c], c.id, c.id).activeId).toBe(b.id);
    expect(closeTab([a], a.id, a.id)).toEqual({ tabs: [], activeId: null });
    expect(updateTab([a, b], a.id, { sql: 'SELECT 1' })[0]!.sql).toBe('SELECT 1');
  });
});

import { describe, expect, it } from 'vitest';
import { chartSeries, MAX_SPLIT_SERIES } from '../../../../src/renderer/features/sql/chart/chart-series';
import { categoryColor } from '../../../../src/shared/dashboards/palette';

const columns = [
  { name: 'event_date', type: 'DATE' },
  { name: 'card_network', type: 'VARCHAR' },
  { name: 'transactions', type: 'BIGINT' },
  { name: 'approval_rate_pct', type: 'DOUBLE' },
];
const rows = [
  ['2026-11-01', 'Visa', 100, 88.1],
  ['2026-11-01', 'Elo', 20, 81.5],
  ['2026-11-02', 'Visa', 120, 88.4],
  ['2026-11-02', 'Elo', 25, 80.9],
  ['2026-11-03', 'Elo', 22, 82.0],
];

describe('chartSeries', () => {
  it('draws one series per measure without a split', () => {
    const c = chartSeries(columns, rows, { kind: 'line', x: 'event_date', y: ['transactions'] });
    expect(c.series.map((s) => s.label)).toEqual(['transactions']);
    expect(c.data).toHaveLength(5);
  });

  it('splits a line into one series per category, pivoted by x, coloured by the value itself', () => {
    const c = chartSeries(columns, rows, { kind: 'line', x: 'event_date', y: ['approval_rate_pct'], split: 'card_network' });
    expect(c.series.map((s) => s.label)).toEqual(['Elo', 'Visa']);
    expect(c.series.map((s) => s.color)).toEqual([categoryColor('Elo'), categoryColor('Visa')]);
    const [elo, visa] = c.series.map((s) => s.key);
    expect(c.data).toEqual([
      { event_date: '2026-11-01', [elo!]: 81.5, [visa!]: 88.1 },
      { event_date: '2026-11-02', [elo!]: 80.9, [visa!]: 88.4 },
      { event_date: '2026-11-03', [elo!]: 82.0 },
    ]);
    // A filter that removes Visa leaves Elo its colour.
    const onlyElo = chartSeries(
      columns,
      rows.filter((r) => r[1] === 'Elo'),
      { kind: 'line', x: 'event_date', y: ['approval_rate_pct'], split: 'card_network' },
    );
    expect(onlyElo.series[0]!.color).toBe(categoryColor('Elo'));
  });

  it('puts the chosen measure on a right axis, split or not', () => {
    const plain = chartSeries(columns, rows, {
      kind: 'bar',
      x: 'event_date',
      y: ['transactions', 'approval_rate_pct'],
      right: 'approval_rate_pct',
    });
    expect(plain.series.map((s) => [s.label, s.axis])).toEqual([
      ['transactions', 'left'],
      ['approval_rate_pct', 'right'],
    ]);
    const split = chartSeries(columns, rows, {
      kind: 'line',
      x: 'event_date',
      y: ['transactions', 'approval_rate_pct'],
      split: 'card_network',
      right: 'approval_rate_pct',
    });
    expect(split.series.map((s) => [s.label, s.axis])).toEqual([
      ['Elo · transactions', 'left'],
      ['Elo · approval_rate_pct', 'right'],
      ['Visa · transactions', 'left'],
      ['Visa · approval_rate_pct', 'right'],
    ]);
    // A single measure has nothing to share the left axis with: it stays there.
    expect(chartSeries(columns, rows, { kind: 'line', x: 'event_date', y: ['transactions'], right: 'transactions' }).series[0]!.axis).toBe(
      'left',
    );
  });

  it('keeps the largest split values and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => ['2026-11-01', `m.${i}`, i, 0]);
    const c = chartSeries(columns, many, { kind: 'bar', x: 'event_date', y: ['transactions'], split: 'card_network' });
    expect(c.series).toHaveLength(MAX_SPLIT_SERIES);
    expect(c.hidden).toBe(30 - MAX_SPLIT_SERIES);
    expect(c.series.map((s) => s.label)).toContain('m.29');
    expect(c.series.map((s) => s.label)).not.toContain('m.0');
    expect(c.data[0]![c.series.find((s) => s.label === 'm.29')!.key]).toBe(29);
  });
});

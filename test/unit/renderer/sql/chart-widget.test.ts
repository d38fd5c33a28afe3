import { describe, expect, it } from 'vitest';
import { NewWidget } from '../../../../src/shared/api';
import { defaultWidgetTitle, widgetFromChart, widgetTypeFor } from '../../../../src/renderer/features/sql/chart/chart-widget';

describe('a SQL chart as a dashboard widget', () => {
  const spec = { kind: 'bar' as const, x: 'card_network', y: ['payments', 'volume'] };

  it('maps each widget type to valid encodings of the chart columns', () => {
    expect(widgetFromChart(spec, 'bar')).toEqual({
      type: 'bar',
      encodings: { x: { field: 'card_network' }, y: [{ field: 'payments' }, { field: 'volume' }] },
    });
    expect(widgetFromChart(spec, 'pie')).toEqual({
      type: 'pie',
      encodings: { category: { field: 'card_network' }, value: { field: 'payments' } },
    });
    expect(widgetFromChart(spec, 'table').encodings).toEqual({
      columns: [{ field: 'card_network' }, { field: 'payments' }, { field: 'volume' }],
    });
    for (const type of ['bar', 'line', 'area', 'pie', 'table'] as const)
      expect(NewWidget.safeParse(widgetFromChart(spec, type)).success).toBe(true);
  });

  it('saves a scatter as bars and titles the widget from its columns', () => {
    expect(widgetTypeFor({ ...spec, kind: 'scatter' })).toBe('bar');
    expect(widgetTypeFor({ ...spec, kind: 'line' })).toBe('line');
    expect(defaultWidgetTitle(spec)).toBe('payments, volume by card_network');
  });
});

import { describe, expect, it } from 'vitest';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { fromLakeview, toLakeview } from '../../../../src/core/dashboards/lakeview';
import type { Widget } from '../../../../src/shared/dashboards/definition';

/** A widget as a person compares them: labels default to the field name. */
function normalise(w: Widget): unknown {
  return JSON.parse(JSON.stringify(w, (k, v: unknown) => (k === 'label' ? undefined : v)));
}

describe('Lakeview interchange', () => {
  it.each(BUILTIN_DASHBOARDS.map((d) => [d.title, d] as const))('%s: export then import gives the same widgets and queries', (_t, d) => {
    const doc = JSON.parse(JSON.stringify(toLakeview(d))) as { datasets: { queryLines: string[] }[] };
    expect(doc.datasets[0]!.queryLines.join('')).toContain(':date_to');
    const back = fromLakeview(doc, `${d.id}.lvdash.json`).dashboard;
    expect(back.id).toBe(d.id);
    expect(back.title).toBe(d.title);
    expect(back.datasets).toEqual(d.datasets);
    expect(back.widgets.map(normalise)).toEqual(d.widgets.map(normalise));
  });

  it('imports a Lakeview file with computed fields, two pages and unsupported widget types', () => {
    const doc = {
      datasets: [
        {
          name: '3f1a',
          displayName: 'Sales',
          queryLines: [
            'SELECT card_network, amount FROM payments_enriched_silver\n',
            'WHERE event_date >= :date_from AND amount::DOUBLE > 0',
          ],
          parameters: [{ keyword: 'date_from', dataType: 'DATE' }],
        },
      ],
      pages: [
        {
          name: 'p1',
          displayName: 'Sales',
          layout: [
            {
              widget: {
                name: 'bar1',
                queries: [
                  {
                    name: 'main_query',
                    query: {
                      datasetName: '3f1a',
                      fields: [
                        { name: 'card_network', expression: '`card_network`' },
                        { name: 'sum(amount)', expression: 'SUM(`amount`)' },
                      ],
                    },
                  },
                ],
                spec: {
                  version: 3,
                  widgetType: 'bar',
                  encodings: { x: { fieldName: 'card_network' }, y: { fieldName: 'sum(amount)', displayName: 'Value' } },
                  frame: { title: 'Value by network' },
                },
              },
              position: { x: 0, y: 0, width: 3, height: 4 },
            },
            {
              widget: {
                name: 'map1',
                queries: [],
                spec: { version: 1, widgetType: 'symbol-map', encodings: {}, frame: { title: 'Where' } },
              },
              position: { x: 3, y: 0, width: 3, height: 4 },
            },
          ],
        },
        {
          name: 'p2',
          displayName: 'More',
          layout: [{ widget: { name: 'note', textbox_spec: '# Hello' }, position: { x: 0, y: 0, width: 6, height: 1 } }],
        },
      ],
    };
    const { dashboard, unsupported } = fromLakeview(doc, 'sales.lvdash.json');
    expect(dashboard.id).toBe('sales');
    // A text box is drawn as text, not listed as a placeholder.
    expect(unsupported).toEqual(['Where (symbol-map)']);
    expect(dashboard.widgets[2]).toMatchObject({ type: 'unsupported', originalType: 'text', text: '# Hello', page: 'p2' });
    expect(dashboard.datasets[0]!.sql.join('\n')).toContain('event_date >= $date_from AND amount::DOUBLE > 0');
    const bar = dashboard.widgets[0]!;
    expect(bar.type).toBe('bar');
    const derived = dashboard.datasets.find((x) => x.name === (bar as { dataset: string }).dataset)!;
    expect(derived.sql.join('\n')).toContain('SUM("amount") AS "f_sum_amount"');
    // Two pages stay two pages, each laid out from its own top.
    expect(dashboard.pages).toEqual([
      { name: 'p1', title: 'Sales' },
      { name: 'p2', title: 'More' },
    ]);
    expect(dashboard.widgets[2]!.layout.y).toBe(0);
  });

  it('refuses a file that is not a Lakeview dashboard with a clear message', () => {
    expect(() => fromLakeview({ hello: 1 }, 'x.lvdash.json')).toThrow(/x.lvdash.json is not a Lakeview dashboard/);
  });
});

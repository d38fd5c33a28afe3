import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../support/test-core';
import { call, failure } from '../../../support/core-calls';

let core: Awaited<ReturnType<typeof createTestCore>>;

const filters = { dateFrom: '2020-01-01', dateTo: '2030-12-31', cardNetwork: null, merchantSegment: null, country: null };
const SQL = 'SELECT network, count(*) AS payments, sum(amount) AS volume\nFROM pay\nGROUP BY network\nORDER BY network;';

beforeAll(async () => {
  core = await createTestCore();
  await core.engine.run(`CREATE TABLE pay AS SELECT * FROM (VALUES ('visa', 10.0), ('visa', 5.0), ('amex', 7.5)) t(network, amount)`);
});
afterAll(async () => {
  await core.dispose();
});

describe('dashboards.addWidget', () => {
  it('saves a chart to a new dashboard that is listed and runs with the same data', async () => {
    const out = await call(core, 'dashboards.addWidget', {
      newDashboardTitle: 'My charts',
      title: 'Payments by network',
      sql: SQL,
      widget: { type: 'bar', encodings: { x: { field: 'network' }, y: [{ field: 'payments' }, { field: 'volume' }] } },
    });
    expect(out).toEqual({ id: 'imported:my-charts', title: 'My charts', widgetId: 'sql_chart', created: true });
    const list = await call(core, 'dashboards.list', {});
    expect(list).toContainEqual(
      expect.objectContaining({ id: 'imported:my-charts', title: 'My charts', widgetCount: 1, source: 'imported' }),
    );
    const loaded = await call(core, 'dashboards.get', { id: out.id });
    const widget = loaded.definition.widgets[0]!;
    expect(widget).toMatchObject({ id: 'sql_chart', type: 'bar', title: 'Payments by network', layout: { x: 0, y: 0, w: 6 } });
    const data = await call(core, 'dashboards.run', { id: out.id, dataset: widget.type === 'unsupported' ? '' : widget.dataset, filters });
    expect(data.rows).toEqual([
      ['amex', 1, 7.5],
      ['visa', 2, 15],
    ]);
  });

  it('appends to an existing user dashboard below its widgets, and a second new one gets a free id', async () => {
    const out = await call(core, 'dashboards.addWidget', {
      dashboardId: 'imported:my-charts',
      title: 'Share',
      sql: 'SELECT network, count(*) AS n FROM pay GROUP BY ALL',
      widget: { type: 'pie', encodings: { category: { field: 'network' }, value: { field: 'n' } } },
    });
    expect(out).toMatchObject({ id: 'imported:my-charts', widgetId: 'sql_chart_2', created: false });
    const d = (await call(core, 'dashboards.get', { id: out.id })).definition;
    expect(d.datasets.map((x) => x.name)).toEqual(['sql_chart', 'sql_chart_2']);
    expect(d.widgets[1]).toMatchObject({ type: 'pie', dataset: 'sql_chart_2', layout: { y: 6 } });
    const again = await call(core, 'dashboards.addWidget', {
      newDashboardTitle: 'My charts',
      title: 'Table',
      sql: 'SELECT * FROM pay',
      widget: { type: 'table', encodings: { columns: [{ field: 'network' }, { field: 'amount' }] } },
    });
    expect(again.id).toBe('imported:my-charts-2');
  });

  it('keeps the dashboard filter parameters in the dataset', async () => {
    await core.engine.run(`CREATE TABLE daily AS SELECT * FROM (VALUES (DATE '2024-01-01', 3), (DATE '2024-02-01', 4)) t(event_date, n)`);
    const out = await call(core, 'dashboards.addWidget', {
      newDashboardTitle: 'Filtered',
      title: 'Daily',
      sql: 'SELECT event_date, n FROM daily WHERE event_date BETWEEN $date_from AND $date_to',
      widget: { type: 'line', encodings: { x: { field: 'event_date' }, y: [{ field: 'n' }] } },
    });
    const data = await call(core, 'dashboards.run', {
      id: out.id,
      dataset: 'sql_chart',
      filters: { ...filters, dateFrom: '2024-01-15', dateTo: '2024-03-01' },
    });
    expect(data.rows).toHaveLength(1);
  });

  it('refuses what cannot become a working widget with INVALID_INPUT, and saves nothing', async () => {
    const before = (await call(core, 'dashboards.list', {})).length;
    const bar = { type: 'bar', encodings: { x: { field: 'network' }, y: [{ field: 'payments' }] } } as const;
    const cases: [unknown, RegExp][] = [
      [{ newDashboardTitle: 'X', title: 'T', sql: SQL, widget: { type: 'bar', encodings: { x: { field: 'network' }, y: [] } } }, /./],
      [{ newDashboardTitle: 'X', title: 'T', sql: SQL, widget: { type: 'scatter', encodings: {} } }, /./],
      [{ title: 'T', sql: SQL, widget: bar }, /existing dashboard or name a new one/],
      [{ dashboardId: 'executive-overview', title: 'T', sql: SQL, widget: bar }, /Built-in dashboards cannot be changed/],
      [{ newDashboardTitle: 'X', title: 'T', sql: 'SELECT * FROM no_such_table', widget: bar }, /one SELECT that runs/],
      [
        {
          newDashboardTitle: 'X',
          title: 'T',
          sql: SQL,
          widget: { ...bar, encodings: { x: { field: 'nope' }, y: [{ field: 'payments' }] } },
        },
        /no column "nope"/,
      ],
      [
        { newDashboardTitle: 'X', title: 'T', sql: 'SELECT * FROM pay WHERE amount > $min', widget: bar },
        /\$min, which no dashboard filter provides/,
      ],
    ];
    for (const [input, message] of cases) {
      const e = await failure(core, 'dashboards.addWidget', input);
      expect(e.code, JSON.stringify(input)).toBe('INVALID_INPUT');
      expect(e.message).toMatch(message);
    }
    const missing = await failure(core, 'dashboards.addWidget', { dashboardId: 'imported:gone', title: 'T', sql: SQL, widget: bar });
    expect(missing.code).toBe('NOT_FOUND');
    expect((await call(core, 'dashboards.list', {})).length).toBe(before);
  });
});

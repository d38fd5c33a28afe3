import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportedDashboards } from '../../../../src/core/dashboards/imported-store';
import { fromLakeview, type LakeviewImport } from '../../../../src/core/dashboards/lakeview';
import { IMPORTED_PREFIX } from '../../../../src/core/dashboards/service';
import type { Dashboard } from '../../../../src/shared/dashboards/definition';
import { defaultFilters, type Filters } from '../../../../src/shared/dashboards/filters';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';

/*
 * Our own Lakeview files, written after the structures of public ones (Databricks' bundle examples
 * and demo dashboards): legacy version-0 widgets, several pages and a global-filters page, typed
 * parameters, text boxes, counters with targets, combo and scatter charts, backticks, `:param`,
 * COUNT(`*`), names with spaces, other catalogs, unknown versions and fields. Each is imported and
 * every widget's dataset runs on DuckDB over replayed pipeline data.
 */

const DIR = join(__dirname, '../../../fixtures/lakeview');
const load = (name: string) => JSON.parse(readFileSync(join(DIR, `${name}.lvdash.json`), 'utf8')) as unknown;

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

interface Expected {
  pages: [number, number];
  widgets: { in: number; drawn: number; text: number; placeholders: number; filters: number };
  datasets: [number, number];
  parameters: number;
  /** Datasets (display names) whose widgets fail, with the message they must give. */
  fails?: Record<string, RegExp>;
  warnings?: RegExp[];
}

const EXPECTED: Record<string, Expected> = {
  'approvals-summary': {
    pages: [1, 1],
    widgets: { in: 7, drawn: 4, text: 1, placeholders: 0, filters: 2 },
    datasets: [2, 2],
    parameters: 0,
    warnings: [/Filter "Network" \(filter-multi-select\) filters fields/],
  },
  'decline-operations': {
    pages: [4, 3],
    widgets: { in: 7, drawn: 4, text: 1, placeholders: 0, filters: 2 },
    datasets: [4, 4],
    parameters: 2,
  },
  // The legacy counter and column chart map onto current widgets; the legacy table (no columns) stays a placeholder.
  'legacy-risk': { pages: [1, 1], widgets: { in: 6, drawn: 5, text: 0, placeholders: 1, filters: 0 }, datasets: [2, 2], parameters: 0 },
  'migrated-legacy': { pages: [1, 1], widgets: { in: 9, drawn: 4, text: 1, placeholders: 4, filters: 0 }, datasets: [3, 3], parameters: 0 },
  'metric-view-filters': {
    pages: [3, 2],
    widgets: { in: 10, drawn: 3, text: 1, placeholders: 4, filters: 2 },
    datasets: [3, 2],
    parameters: 1,
    warnings: [
      /Dataset "Approval metrics" is the metric view main\.payments_semantic\.approval_metrics, which only a Databricks SQL warehouse computes/,
      /Filter "Month" \(filter-date-range-picker\) filters fields/,
    ],
  },
  'combo-targets': { pages: [1, 1], widgets: { in: 5, drawn: 5, text: 0, placeholders: 0, filters: 0 }, datasets: [2, 2], parameters: 0 },
  'cross-catalog': {
    pages: [1, 1],
    widgets: { in: 3, drawn: 3, text: 0, placeholders: 0, filters: 0 },
    datasets: [3, 3],
    parameters: 0,
    fails: {
      'taxi trips':
        /Dataset "taxi trips[^"]*" reads the catalog "samples", which the local database does not have\. Run this dashboard on a warehouse profile/,
      usage: /Dataset "usage[^"]*" reads the catalog "system"/,
    },
  },
  'typed-parameters': {
    pages: [1, 1],
    widgets: { in: 3, drawn: 2, text: 0, placeholders: 0, filters: 1 },
    datasets: [2, 2],
    parameters: 5,
    warnings: [
      /Dataset "Busy merchants": the parameter "region" has the type "GEOGRAPHY", which this app does not know; it is passed as text\./,
    ],
  },
  'odd-file': {
    pages: [1, 1],
    widgets: { in: 9, drawn: 3, text: 1, placeholders: 5, filters: 0 },
    datasets: [5, 3],
    parameters: 0,
    fails: { 'Broken SQL': /Dataset "Broken SQL[^"]*".*SELEC/ },
    warnings: [
      /Dataset "No SQL at all" has no SQL/,
      /Dataset 4 could not be read/,
      /Dataset "Bad parameter": a parameter could not be read/,
      /"Bar from the future".*version 9/,
    ],
  },
  'merchant-explorer': {
    pages: [2, 2],
    widgets: { in: 6, drawn: 3, text: 0, placeholders: 3, filters: 0 },
    datasets: [3, 3],
    parameters: 1,
    fails: { Merchants: /Dataset "Merchants[^"]*" failed on the local database: .*size/ },
    warnings: [/the parameter "segments" takes several values in Lakeview; here it takes one/],
  },
};

describe('Lakeview files modeled on real public dashboards', () => {
  let core: TestCore;
  let base: Filters;
  const imports = new Map<string, LakeviewImport>();
  const summary: Record<string, unknown>[] = [];

  beforeAll(async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, { events: 20_000, days: 20, incidents: true });
    base = defaultFilters('all', await core.dashboards.filterOptions('executive-overview'));
  }, 120_000);
  afterAll(async () => {
    console.log(JSON.stringify(summary));
    await core.dispose();
  });

  it.each(Object.keys(EXPECTED))('%s: imports whole, keeps pages and names what it could not keep', (name) => {
    const e = EXPECTED[name]!;
    const r = fromLakeview(load(name), `${name}.lvdash.json`);
    imports.set(name, r);
    expect(r.report.pages).toEqual({ in: e.pages[0], kept: e.pages[1] });
    expect(r.report.widgets).toEqual(e.widgets);
    expect(r.report.datasets).toEqual({ in: e.datasets[0], kept: e.datasets[1] });
    expect(r.report.parameters).toBe(e.parameters);
    expect(r.dashboard.pages?.length ?? 1).toBe(e.pages[1]);
    for (const w of e.warnings ?? [])
      expect(
        r.report.warnings.some((x) => w.test(x)),
        `${w} in ${r.report.warnings.join(' | ')}`,
      ).toBe(true);
    // Every placeholder says what it was.
    for (const w of r.dashboard.widgets) if (w.type === 'unsupported') expect(w.originalType.length && w.reason.length).toBeTruthy();
  });

  it.each(Object.keys(EXPECTED))('%s: every drawn widget runs on DuckDB, or says why not naming its dataset', async (name) => {
    const e = EXPECTED[name]!;
    const { dashboard } = imports.get(name) ?? fromLakeview(load(name), `${name}.lvdash.json`);
    new ImportedDashboards(join(core.dir, 'dashboards')).save(dashboard);
    const titleOf = (ds: string) => dashboard.datasets.find((d) => d.name === ds)!.title ?? ds;
    let ran = 0;
    const failed = new Set<string>();
    for (const w of dashboard.widgets) {
      if (w.type === 'unsupported') continue;
      const title = titleOf(w.dataset).replace(/ \(.*\)$/, '');
      const expectedFailure = e.fails?.[title];
      try {
        const r = await core.dashboards.runDataset(IMPORTED_PREFIX + dashboard.id, w.dataset, base);
        expect(expectedFailure, `${name}/${w.id} ran but should fail`).toBeUndefined();
        expect(r.rows.length, `${name}/${w.id}`).toBeGreaterThan(0);
        for (const f of fieldsOf(w))
          expect(
            r.columns.map((c) => c.name),
            `${name}/${w.id} needs ${f}`,
          ).toContain(f);
        ran++;
      } catch (error) {
        if (!expectedFailure) throw error;
        expect((error as Error).message).toMatch(expectedFailure);
        failed.add(title);
      }
    }
    expect([...failed].sort()).toEqual(Object.keys(e.fails ?? {}).sort());
    const report = imports.get(name)?.report;
    summary.push({ fixture: name, pages: report?.pages, widgets: report?.widgets, datasets: report?.datasets, widgetsRan: ran });
  });

  it('parameters keep their defaults and a chosen value changes the numbers', async () => {
    const { dashboard } = imports.get('decline-operations')!;
    new ImportedDashboards(join(core.dir, 'dashboards')).save(dashboard);
    const id = IMPORTED_PREFIX + dashboard.id;
    const network = dashboard.parameters!.find((p) => p.keyword === 'network')!;
    expect(network).toMatchObject({ title: 'Card network', type: 'STRING', default: 'All' });
    expect(dashboard.parameters!.find((p) => p.keyword === 'event_range')).toMatchObject({
      range: true,
      default: 'now-7d/d',
      defaultMax: 'now/d',
    });
    const pie = dashboard.widgets.find((w) => w.title === 'Declines by reason')!;
    const ds = (pie as { dataset: string }).dataset;
    const total = (r: { rows: unknown[][] }) => r.rows.reduce((s, row) => s + Number(row[0]), 0);
    const all = total(await core.dashboards.runDataset(id, ds, base));
    const visa = total(await core.dashboards.runDataset(id, ds, { ...base, parameters: { network: 'Visa' } }));
    const week = total(await core.dashboards.runDataset(id, ds, { ...base, parameters: { event_range_min: 'now-1d/d' } }));
    expect(all).toBeGreaterThan(0);
    expect(visa).toBeGreaterThan(0);
    expect(visa).toBeLessThan(all);
    expect(week).toBeLessThan(all);
  });

  it('draws legacy version-0 counters and charts as they were set up, and names the legacy ones it cannot draw', async () => {
    const { dashboard } = fromLakeview(load('migrated-legacy'), 'migrated-legacy.lvdash.json');
    const byTitle = (t: string) => dashboard.widgets.find((w) => w.title === t)!;
    expect(byTitle('Approved volume ($)')).toMatchObject({ type: 'counter', encodings: { value: { field: 'f_Approved_Volume' } } });
    expect(byTitle('Approvals vs volume')).toMatchObject({ type: 'counter', encodings: { previous: 'f_Approved_Volume' } });
    expect(byTitle('Approved and declined per day')).toMatchObject({
      type: 'line',
      encodings: { x: { field: 'd' }, y: [{ field: 'approved' }, { field: 'declined' }] },
    });
    expect(byTitle('Share by network')).toMatchObject({
      type: 'pie',
      encodings: { category: { field: 'card_network' }, value: { field: 'n' } },
    });
    for (const t of ['Second row', 'By network and channel', 'Bubbles', 'All networks'])
      expect(byTitle(t)).toMatchObject({
        type: 'unsupported',
        originalType: expect.stringMatching(/^legacy (counter|chart|table) visualization/),
      });
    // The counter over a column named with a space reads the same number as the SQL.
    new ImportedDashboards(join(core.dir, 'dashboards')).save(dashboard);
    const w = byTitle('Approved volume ($)') as { dataset: string };
    const r = await core.dashboards.runDataset(IMPORTED_PREFIX + dashboard.id, w.dataset, base);
    const direct = await core.engine.query('SELECT SUM(amount) FROM payments_enriched_silver WHERE is_approved');
    expect(Number(r.rows[0]![0])).toBeCloseTo(Number(direct.rows[0]![0]), 2);
  });

  it('a widget over a metric view says which view and that it needs a warehouse; target-only counters and color-only bars draw', () => {
    const { dashboard } = fromLakeview(load('metric-view-filters'), 'metric-view-filters.lvdash.json');
    const byTitle = (t: string) => dashboard.widgets.find((w) => w.title === t)!;
    expect(byTitle('Approval rate')).toMatchObject({
      type: 'unsupported',
      reason:
        'It uses the dataset "Approval metrics", the metric view main.payments_semantic.approval_metrics, which only a Databricks SQL warehouse computes.',
    });
    expect(byTitle('Transactions by network')).toMatchObject({ type: 'bar', encodings: { x: { field: 'f_Card_Network' } } });
    expect(dashboard.widgets.find((w) => w.id === 'headline')).toMatchObject({
      type: 'counter',
      encodings: { value: { field: 'headline' } },
    });
  });

  it('filter widgets move to the filter bar without leaving an empty grid row', () => {
    const { dashboard } = fromLakeview(load('approvals-summary'), 'approvals-summary.lvdash.json');
    const rows = (id: string) => dashboard.widgets.find((w) => w.id === id)!.layout;
    expect(rows('title01')).toMatchObject({ y: 0, h: 1 });
    // The counter and bar sat on row 2, under a row of two filters.
    expect(rows('c0count').y).toBe(1);
    expect(rows('b0value').y).toBe(1);
  });

  it('converts backticks, "strings", :param and COUNT(`*`) to DuckDB, leaving strings and comments alone', () => {
    const { dashboard } = imports.get('typed-parameters') ?? fromLakeview(load('typed-parameters'), 'typed-parameters.lvdash.json');
    const sql = dashboard.datasets[0]!.sql.join('\n');
    expect(sql).toContain('AS "Merchant"');
    expect(sql).toContain('amount >= $min_amount');
    expect(sql).toContain("-- ':region' in a comment stays");
    expect(sql).toContain("'n/a :min_amount'");
    expect(dashboard.datasets[1]!.sql.join('\n')).toContain('BETWEEN $window_min AND $window_max');
    const counter = fromLakeview(load('approvals-summary'), 'a.lvdash.json').dashboard;
    const derived = counter.datasets.find((d) => d.sql.join('\n').includes('COUNT('))!;
    expect(derived.sql[0]).toContain('COUNT(*)');
    expect(counter.datasets[0]!.sql.join('\n')).toContain(`THEN 'approved' ELSE 'declined'`);
  });
});

function fieldsOf(w: Exclude<Dashboard['widgets'][number], { type: 'unsupported' }>): string[] {
  if (w.type === 'counter') return [w.encodings.value.field, ...(w.encodings.previous ? [w.encodings.previous] : [])];
  if (w.type === 'pie') return [w.encodings.category.field, w.encodings.value.field];
  if (w.type === 'table') return w.encodings.columns.map((c) => c.field);
  return [w.encodings.x.field, ...w.encodings.y.map((y) => y.field)];
}

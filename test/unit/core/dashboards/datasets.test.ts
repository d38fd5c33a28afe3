import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumLabels } from '../../../../src/core/dashboards/filter-options';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { defaultFilters, type Filters } from '../../../../src/shared/dashboards/filters';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

describe('the ten dashboards on replayed pipeline data', () => {
  let core: TestCore;
  let base: Filters;

  beforeAll(async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, { events: 40_000, days: 20, incidents: true });
    const options = await core.dashboards.filterOptions('executive-overview');
    expect(options.cardNetworks.length).toBeGreaterThan(2);
    base = defaultFilters('all', options);
  }, 120_000);
  afterAll(async () => core.dispose());

  it.each(BUILTIN_DASHBOARDS.map((d) => [d.title, d] as const))('%s: every dataset runs and returns rows', async (_t, d) => {
    for (const ds of d.datasets) {
      const r = await core.dashboards.runDataset(d.id, ds.name, base);
      expect(r.rows.length, `${d.id}/${ds.name}`).toBeGreaterThan(0);
      for (const w of d.widgets) {
        if (w.type === 'unsupported' || w.dataset !== ds.name) continue;
        const fields =
          w.type === 'counter'
            ? [w.encodings.value.field, w.encodings.previous!]
            : w.type === 'pie'
              ? [w.encodings.category.field, w.encodings.value.field]
              : w.type === 'table'
                ? w.encodings.columns.map((c) => c.field)
                : [w.encodings.x.field, ...w.encodings.y.map((y) => y.field)];
        for (const f of fields)
          expect(
            r.columns.map((c) => c.name),
            `${d.id}/${w.id} needs ${f}`,
          ).toContain(f);
      }
    }
  });

  it('a card-network filter changes the numbers and a cross-filtered chart shows one bar', async () => {
    const all = await core.dashboards.runDataset('executive-overview', 'kpis', base);
    const visa = await core.dashboards.runDataset('executive-overview', 'kpis', { ...base, cardNetwork: 'Visa' });
    expect(Number(visa.rows[0]![0])).toBeLessThan(Number(all.rows[0]![0]));
    const bars = await core.dashboards.runDataset('executive-overview', 'by_network', { ...base, cardNetwork: 'Visa' });
    expect(bars.rows.map((r) => r[0])).toEqual(['Visa']);
  });

  it('counters compare with the previous period of the same length', async () => {
    const options = await core.dashboards.filterOptions('executive-overview');
    const week = defaultFilters('last_7_days', options);
    const r = await core.dashboards.runDataset('executive-overview', 'kpis', week);
    const row = Object.fromEntries(r.columns.map((c, i) => [c.name, r.rows[0]![i]]));
    expect(Number(row.transactions)).toBeGreaterThan(0);
    expect(Number(row.transactions_prev)).toBeGreaterThan(0);
  });

  it('drills from a bar to the silver rows behind it, with the filter that produced them', async () => {
    const page = await core.dashboards.drill({
      id: 'decline-analysis',
      widgetId: 'reasons',
      filters: base,
      value: 'insufficient_funds',
      offset: 0,
      limit: 25,
    });
    expect(page.rows.length).toBeGreaterThan(0);
    const reason = page.columns.findIndex((c) => c.name === 'decline_reason');
    expect(new Set(page.rows.map((r) => r[reason]))).toEqual(new Set(['insufficient_funds']));
    expect(page.sql).toContain("CAST('insufficient_funds' AS VARCHAR)");
    const day = await core.dashboards.drill({
      id: 'executive-overview',
      widgetId: 'approval_trend',
      filters: base,
      value: base.dateTo,
      offset: 0,
      limit: 5,
    });
    expect(day.total).toBeGreaterThan(0);
  });

  it('every dashboard, packaged and opened in a database-less core, gives the same rows for every dataset', async () => {
    const viewer = await createTestCore();
    try {
      for (const d of BUILTIN_DASHBOARDS) {
        const out = join(core.dir, `${d.id}.mdash`);
        await core.bundles.create({ dashboardId: d.id, filters: base, outPath: out });
        const info = await viewer.bundles.open(out);
        for (const ds of d.datasets) {
          const [a, b] = await Promise.all([
            core.dashboards.runDataset(d.id, ds.name, base),
            viewer.dashboards.runDataset(`bundle:${info.bundleId}`, ds.name, base),
          ]);
          expect(b.rows, `${d.id}/${ds.name}`).toEqual(a.rows);
        }
      }
    } finally {
      await viewer.dispose();
    }
  });

  it('an unknown dataset or dashboard is a clear error', async () => {
    await expect(core.dashboards.runDataset('executive-overview', 'nope', base)).rejects.toThrow(/has no dataset "nope"/);
    await expect(core.dashboards.runDataset('no-such', 'kpis', base)).rejects.toThrow(/There is no dashboard "no-such"/);
  });
});

describe('filter options', () => {
  it('reads ENUM labels from the column type, quotes included', () => {
    expect(enumLabels("ENUM('Visa', 'O''Brien Card', 'Amex')")).toEqual(['Visa', "O'Brien Card", 'Amex']);
    expect(enumLabels('VARCHAR')).toBeUndefined();
  });
});

describe('dashboards before any data', () => {
  it('says to replay events first instead of a SQL error', async () => {
    const core = await createTestCore();
    try {
      const options = await core.dashboards.filterOptions('executive-overview');
      expect(options.maxDate).toBeNull();
      await expect(core.dashboards.runDataset('executive-overview', 'kpis', defaultFilters('all', options))).rejects.toThrow(/no data yet/);
    } finally {
      await core.dispose();
    }
  });
});

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundleFile } from '../../../../src/core/bundles/bundle-service';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
const FILTERS = { dateFrom: '2026-02-01', dateTo: '2026-03-31', cardNetwork: null, merchantSegment: null, country: null };

describe('packaging options: date range, aggregates only, a note', () => {
  let core: TestCore;
  let viewer: TestCore;
  let rowsFile: string;
  let aggFile: string;

  beforeAll(async () => {
    core = await createTestCore();
    viewer = await createTestCore();
    await createMiniSilver(core.engine, 40_000, 120);
    rowsFile = join(core.dir, 'rows.mdash');
    aggFile = join(core.dir, 'agg.mdash');
    await core.bundles.create({ dashboardId: 'executive-overview', filters: FILTERS, outPath: rowsFile });
    await core.bundles.create({
      dashboardId: 'executive-overview',
      filters: { ...FILTERS, cardNetwork: 'Visa' },
      outPath: aggFile,
      content: 'aggregates',
      note: 'Q1 board pack: Visa only.',
    });
  });
  afterAll(async () => {
    await core.dispose();
    await viewer.dispose();
  });

  it('two packages of one dashboard in the same second are two files: the second never overwrites the first', async () => {
    const first = await core.bundles.create({ dashboardId: 'executive-overview', filters: FILTERS, content: 'aggregates' });
    const second = await core.bundles.create({ dashboardId: 'executive-overview', filters: FILTERS, content: 'aggregates' });
    expect(second.path).not.toBe(first.path);
    expect(statSync(first.path).size).toBeGreaterThan(0);
    expect(statSync(second.path).size).toBeGreaterThan(0);
  });

  it('an aggregates-only bundle carries no transaction rows and is much smaller', () => {
    const agg = verifyBundleFile(aggFile).info;
    const rows = verifyBundleFile(rowsFile).info;
    expect(rows.tables.map((t) => t.name)).toContain('payments_enriched_silver');
    expect(agg.tables.map((t) => t.name)).not.toContain('payments_enriched_silver');
    expect(agg.content).toBe('aggregates');
    expect(rows.content).toBe('rows');
    expect(statSync(aggFile).size * 5).toBeLessThan(statSync(rowsFile).size);
  });

  it('shows the same numbers as the source for the packaged filters, and drops drill-downs and cross-filters', async () => {
    const info = await viewer.bundles.open(aggFile);
    const id = `bundle:${info.bundleId}`;
    const filters = { ...FILTERS, cardNetwork: 'Visa' };
    for (const dataset of ['kpis', 'daily', 'by_network']) {
      const fromBundle = await viewer.dashboards.runDataset(id, dataset, filters);
      const fromSource = await core.dashboards.runDataset('executive-overview', dataset, filters);
      expect(fromBundle.rows, dataset).toEqual(fromSource.rows);
    }
    const loaded = viewer.dashboards.get(id);
    expect(loaded.definition.widgets.some((w) => 'drill' in w && w.drill)).toBe(false);
    expect(loaded.definition.widgets.some((w) => 'crossFilter' in w && w.crossFilter)).toBe(false);
    const options = await viewer.dashboards.filterOptions(id);
    expect(options.cardNetworks).toEqual(['Visa']);
  });

  it('an opened bundle reports its own snapshot dates, content and note', async () => {
    const info = await viewer.bundles.open(aggFile);
    const loaded = viewer.dashboards.get(`bundle:${info.bundleId}`);
    expect(loaded.snapshot).toMatchObject({
      dateFrom: '2026-02-01',
      dateTo: '2026-03-31',
      content: 'aggregates',
      note: 'Q1 board pack: Visa only.',
    });
    const rows = await viewer.bundles.open(rowsFile);
    expect(viewer.dashboards.get(`bundle:${rows.bundleId}`).snapshot).toMatchObject({ content: 'rows', note: null });
    expect(viewer.dashboards.list().find((d) => d.id === `bundle:${info.bundleId}`)?.description).toContain(
      'snapshot of 2026-02-01 to 2026-03-31, aggregates only',
    );
  });

  it('refuses a date range that runs backwards', async () => {
    await expect(
      core.bundles.create({
        dashboardId: 'executive-overview',
        filters: { ...FILTERS, dateFrom: '2026-03-31', dateTo: '2026-03-01' },
        outPath: join(core.dir, 'backwards.mdash'),
      }),
    ).rejects.toThrow(/runs backwards/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../../src/shared/api';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

/** A small Lakeview document (datasets with queryLines, a page whose layout holds a counter), as Databricks exports them. */
function lakeview(title: string, counters: number): string {
  return JSON.stringify({
    datasets: [{ name: 'kpi', displayName: 'KPIs', queryLines: ['SELECT total_transactions FROM v_executive_kpis'] }],
    pages: [
      {
        name: 'main',
        displayName: title,
        layout: Array.from({ length: counters }, (_, i) => ({
          widget: {
            name: `counter${i}`,
            queries: [
              {
                name: 'main_query',
                query: {
                  datasetName: 'kpi',
                  fields: [{ name: 'total_transactions', expression: '`total_transactions`' }],
                  disaggregated: true,
                },
              },
            ],
            spec: {
              version: 2,
              widgetType: 'counter',
              encodings: { value: { fieldName: 'total_transactions' } },
              frame: { title: `Total ${i}` },
            },
          },
          position: { x: i % 6, y: Math.floor(i / 6) * 2, width: 1, height: 2 },
        })),
      },
    ],
  });
}

describe('Lakeview import never overwrites without an explicit choice', () => {
  let core: TestCore | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('refuses a second import with the same id (typed CONFLICT offering replace or copy), then honours each choice', async () => {
    core = await createTestCore();
    const d = core.dispatcher;
    const first = await d.dispatch('dashboards.importLakeview', { fileName: 'q3-review.lvdash.json', content: lakeview('Q3 review', 2) });
    expect(first).toMatchObject({ ok: true, data: { id: 'imported:q3-review', title: 'Q3 review', widgetCount: 2, replaced: false } });

    const again = await d.dispatch('dashboards.importLakeview', {
      fileName: 'q3-review.lvdash.json',
      content: lakeview('Q3 review v2', 5),
    });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('CONFLICT');
      expect(again.error.message).toMatch(/replace.*copy/);
      expect(again.error.details).toMatchObject({ existingId: 'imported:q3-review', choices: ['replace', 'copy'] });
    }
    const kept = await d.dispatch('dashboards.get', { id: 'imported:q3-review' });
    expect(kept.ok && (kept.data as MethodOutput<'dashboards.get'>).definition.widgets).toHaveLength(2);

    const copy = await d.dispatch('dashboards.importLakeview', {
      fileName: 'q3-review.lvdash.json',
      content: lakeview('Q3 review v2', 5),
      onExisting: 'copy',
    });
    expect(copy).toMatchObject({
      ok: true,
      data: { id: 'imported:q3-review-copy', title: 'Q3 review v2 (copy)', widgetCount: 5, replaced: false },
    });
    const copy2 = await d.dispatch('dashboards.importLakeview', {
      fileName: 'q3-review.lvdash.json',
      content: lakeview('Q3 review v3', 1),
      onExisting: 'copy',
    });
    expect(copy2).toMatchObject({ ok: true, data: { id: 'imported:q3-review-copy-2' } });

    const replaced = await d.dispatch('dashboards.importLakeview', {
      fileName: 'q3-review.lvdash.json',
      content: lakeview('Q3 review v4', 3),
      onExisting: 'replace',
    });
    expect(replaced).toMatchObject({ ok: true, data: { id: 'imported:q3-review', widgetCount: 3, replaced: true } });

    const list = await d.dispatch('dashboards.list', {});
    const ids = list.ok ? (list.data as MethodOutput<'dashboards.list'>).filter((s) => s.source === 'imported').map((s) => s.id) : [];
    expect(ids.sort()).toEqual(['imported:q3-review', 'imported:q3-review-copy', 'imported:q3-review-copy-2']);
  });

  it('a choice given for a new id just imports it', async () => {
    core = await createTestCore();
    const r = await core.dispatcher.dispatch('dashboards.importLakeview', {
      fileName: 'fresh.lvdash.json',
      content: lakeview('Fresh', 1),
      onExisting: 'copy',
    });
    expect(r).toMatchObject({ ok: true, data: { id: 'imported:fresh', title: 'Fresh', replaced: false } });
  });
});

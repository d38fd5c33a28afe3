import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { twinsOf } from '../../../../src/core/dashboards/dataset-twins';
import { fromLakeview, toLakeview } from '../../../../src/core/dashboards/lakeview';
import { nonDatabricksFunctions } from '../../../support/databricks-dialect';
import { lakeviewModelProblems } from '../../../support/lakeview-model-check';
import { sqlglotDatabricksFailures } from '../../../support/sqlglot-batch';

type Doc = {
  datasets: {
    name: string;
    queryLines: string[];
    catalog?: string;
    schema?: string;
    parameters?: { keyword: string; defaultSelection?: unknown }[];
  }[];
  pages: {
    name: string;
    pageType: string;
    layout: {
      widget: {
        name: string;
        queries?: { query: { datasetName: string; parameters?: { keyword: string }[] } }[];
        spec?: { widgetType: string; version: number; encodings: Record<string, unknown> };
      };
    }[];
  }[];
};

const exportOf = (d: (typeof BUILTIN_DASHBOARDS)[number]) =>
  JSON.parse(JSON.stringify(toLakeview(d, { twins: twinsOf(d), catalog: 'main', schema: 'payments' }))) as Doc;
const sqlOf = (ds: Doc['datasets'][number]) => ds.queryLines.join('');
const widgetsOf = (doc: Doc) => doc.pages.flatMap((p) => p.layout.map((c) => c.widget));

describe('Lakeview export Databricks accepts', () => {
  it.each(BUILTIN_DASHBOARDS.map((d) => [d.title, d] as const))(
    '%s: fits the lsql Lakeview model, with bound filters and formats',
    (_t, d) => {
      const doc = exportOf(d);
      expect(lakeviewModelProblems(doc)).toEqual([]);
      for (const ds of doc.datasets) {
        expect(ds).toMatchObject({ catalog: 'main', schema: 'payments' });
        expect(nonDatabricksFunctions(sqlOf(ds)), ds.name).toEqual([]);
        expect(sqlOf(ds)).not.toMatch(/\$[a-z_]/);
        for (const p of ds.parameters ?? []) expect(p.defaultSelection, `${ds.name}.${p.keyword}`).toBeDefined();
      }
      const widgets = widgetsOf(doc);
      for (const w of widgets) if (w.spec?.widgetType === 'table') expect(w.spec.version).toBe(2);
      // Every parameter a dataset uses (except the previous period's, which follows the date defaults) has a filter bound to it.
      const filters = doc.pages.find((p) => p.pageType === 'PAGE_TYPE_GLOBAL_FILTERS')!.layout.map((c) => c.widget);
      const bound = new Set(
        filters.flatMap((f) => f.queries!.flatMap((q) => (q.query.parameters ?? []).map((p) => `${q.query.datasetName}.${p.keyword}`))),
      );
      for (const ds of doc.datasets)
        for (const p of ds.parameters ?? [])
          if (!p.keyword.startsWith('prev_')) expect(bound, `${ds.name}.${p.keyword}`).toContain(`${ds.name}.${p.keyword}`);
      const formatted = widgets.filter((w) => JSON.stringify(w.spec?.encodings ?? {}).includes('"format":{"type":"number-'));
      expect(formatted.length).toBeGreaterThan(0);
    },
  );

  it('built-in datasets go out as their Databricks twins and dimension filters send "All"', () => {
    const tech = exportOf(BUILTIN_DASHBOARDS.find((d) => d.id === 'technical-performance')!);
    const kpis = sqlOf(tech.datasets.find((d) => d.name === 'kpis')!);
    expect(kpis).not.toContain('quantile_cont');
    expect(kpis).toContain("NULLIF(:card_network, 'All')");
    const exec = exportOf(BUILTIN_DASHBOARDS.find((d) => d.id === 'executive-overview')!);
    const param = exec.datasets[0]!.parameters!.find((p) => p.keyword === 'date_from');
    expect(param).toMatchObject({ dataType: 'DATE', defaultSelection: { values: { dataType: 'DATE', values: [{ value: 'now-29d/d' }] } } });
  });

  it('every exported dataset of the ten dashboards parses as Databricks SQL (sqlglot)', () => {
    const statements: Record<string, string> = {};
    for (const d of BUILTIN_DASHBOARDS) for (const ds of exportOf(d).datasets) statements[`${d.id}/${ds.name}`] = sqlOf(ds);
    expect(Object.keys(statements).length).toBeGreaterThan(40);
    expect(sqlglotDatabricksFailures(statements)).toEqual({});
  });

  it('an imported multi-page file with parameters exports with its pages, parameters and text, and imports back the same', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/lakeview/decline-operations.lvdash.json'), 'utf8')) as unknown;
    const first = fromLakeview(file, 'decline-operations.lvdash.json').dashboard;
    const doc = JSON.parse(JSON.stringify(toLakeview(first))) as Doc;
    expect(lakeviewModelProblems(doc)).toEqual([]);
    expect(doc.pages.map((p) => p.pageType)).toEqual([
      'PAGE_TYPE_CANVAS',
      'PAGE_TYPE_CANVAS',
      'PAGE_TYPE_CANVAS',
      'PAGE_TYPE_GLOBAL_FILTERS',
    ]);
    const declines = doc.datasets.find((d) => sqlOf(d).includes(':event_range.min'))!;
    expect(sqlOf(declines)).toContain('`Decline Reason`');
    expect(sqlglotDatabricksFailures(Object.fromEntries(doc.datasets.map((d) => [d.name, sqlOf(d)])))).toEqual({});
    const back = fromLakeview(doc, 'decline-operations.lvdash.json').dashboard;
    expect(back.pages).toEqual(first.pages);
    expect(back.parameters).toEqual(first.parameters);
    expect(back.datasets).toEqual(first.datasets);
    expect(back.widgets).toEqual(first.widgets);
  });

  it('the model check refuses what Databricks would: unknown spec versions, stray fields, undeclared or default-less parameters', () => {
    const doc = exportOf(BUILTIN_DASHBOARDS[0]!);
    const widget = widgetsOf(doc).find((w) => w.spec?.widgetType === 'bar')!;
    widget.spec!.version = 1;
    doc.datasets[0]!.parameters = doc.datasets[0]!.parameters!.map(({ defaultSelection: _d, ...p }) => p);
    doc.datasets[1]!.queryLines.push(' AND x = :nobody');
    const table = widgetsOf(doc).find((w) => w.spec?.widgetType === 'table')!;
    (table.spec!.encodings.columns as { fieldName: string }[])[0]!.fieldName = 'not_in_query';
    const problems = lakeviewModelProblems(doc).join('\n');
    expect(problems).toContain('unknown: version=1 widgetType=bar');
    expect(problems).toContain('needs a defaultSelection');
    expect(problems).toContain('uses :nobody without declaring it');
    expect(problems).toContain('needs a fieldName of the query');
  });
});

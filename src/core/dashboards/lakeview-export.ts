import {
  DASHBOARD_FORMAT_VERSION,
  datasetSql,
  type Dashboard,
  type DashboardParameter,
  type Widget,
} from '../../shared/dashboards/definition';
import { lakeviewWidget } from './lakeview-export-widgets';
import { duckDbToDatabricks } from './lakeview-sql';

/*
 * Export to Databricks AI/BI (Lakeview) `.lvdash.json`, in the shape of the lsql dashboard model:
 * datasets in Databricks SQL (a built-in dataset's Databricks twin where it has one) with typed
 * `parameters` and a `defaultSelection`; canvas pages with the widgets at current spec versions
 * (counter v2, bar/line/area/pie v3, table v2) and value formats in `encodings.*.format`; and a
 * global-filters page whose filter widgets bind the parameters through `queries[].query.parameters`.
 * What Lakeview has no slot for travels in `medallion` members Lakeview leaves alone.
 */

export interface LakeviewExportOptions {
  /** Catalog and schema the datasets' unqualified names resolve in (Lakeview dataset `catalog` / `schema`). */
  catalog?: string;
  schema?: string;
  /** Databricks SQL twins of datasets, by dataset name (built-in dashboards). */
  twins?: Record<string, string>;
}

const DIMENSIONS: Record<string, { title: string; column: string }> = {
  card_network: { title: 'Card network', column: 'card_network' },
  merchant_segment: { title: 'Merchant segment', column: 'merchant_segment' },
  country: { title: 'Country', column: 'merchant_country' },
};
/** The value a dimension filter takes for "no filter" (Lakeview single-selects always send a value). */
export const ALL = 'All';

const DAYS = { last_1_day: 1, last_7_days: 7, last_30_days: 30, last_90_days: 90, all: 3650 } as const;

/** Lakeview parameters for our global-filter names, with dynamic-date defaults from the date preset. */
function filterParameter(keyword: string, d: Dashboard): Record<string, unknown> | undefined {
  const n = DAYS[d.defaultDateRange];
  const dates: Record<string, string> = {
    date_from: `now-${n - 1}d/d`,
    date_to: 'now/d',
    prev_from: `now-${2 * n - 1}d/d`,
    prev_to: `now-${n}d/d`,
  };
  if (dates[keyword])
    return param(keyword, keyword.replace('_', ' '), 'DATE', { values: { dataType: 'DATE', values: [{ value: dates[keyword] }] } });
  const dim = DIMENSIONS[keyword];
  if (dim) return param(keyword, dim.title, 'STRING', { values: { dataType: 'STRING', values: [{ value: ALL }] } });
  return undefined;
}

function param(keyword: string, displayName: string, dataType: string, defaultSelection: unknown, complexType?: string) {
  return { displayName, keyword, dataType, ...(complexType ? { complexType } : {}), defaultSelection };
}

function ownParameter(p: DashboardParameter): Record<string, unknown> {
  const v = (value: string | null | undefined) => (value === null || value === undefined ? [] : [{ value }]);
  if (p.range) {
    const range = {
      dataType: p.type,
      ...(p.default !== null ? { min: { value: p.default } } : {}),
      ...(p.defaultMax ? { max: { value: p.defaultMax } } : {}),
    };
    return param(p.keyword, p.title, p.type, { range }, 'RANGE');
  }
  return param(p.keyword, p.title, p.type, { values: { dataType: p.type, values: v(p.default) } });
}

/** One dataset in Databricks SQL and the parameter keywords it uses. */
function exportDataset(d: Dashboard, name: string, duckSql: string, twin: string | undefined, own: Map<string, DashboardParameter>) {
  const ranges = new Map<string, string>();
  for (const p of own.values()) if (p.range) for (const end of ['min', 'max']) ranges.set(`${p.keyword}_${end}`, `${p.keyword}.${end}`);
  // Dimension filters: Lakeview sends "All" where our SQL expects NULL for "no filter".
  const marker = (n: string) => (ranges.has(n) ? `:${ranges.get(n)}` : DIMENSIONS[n] && !own.has(n) ? `NULLIF(:${n}, '${ALL}')` : `:${n}`);
  const { sql, params } = duckDbToDatabricks(twin ?? duckSql, marker);
  const keywords = [...new Set(params.map((p) => (ranges.get(p) ?? p).split('.')[0]!))];
  const parameters = keywords
    .map((kw) => (own.has(kw) ? ownParameter(own.get(kw)!) : filterParameter(kw, d)))
    .filter((p) => p !== undefined);
  const lines = sql.split('\n');
  return { name, sql, keywords, queryLines: lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)), parameters };
}

/** Our dashboard as a Lakeview document. */
export function toLakeview(d: Dashboard, options: LakeviewExportOptions = {}): Record<string, unknown> {
  const own = new Map((d.parameters ?? []).map((p) => [p.keyword, p]));
  const exported = d.datasets.map((ds) => exportDataset(d, ds.name, datasetSql(ds), options.twins?.[ds.name], own));
  const catalog = (ds: { catalog?: string; schema?: string }) => ({
    ...((options.catalog ?? ds.catalog) ? { catalog: options.catalog ?? ds.catalog } : {}),
    ...((options.schema ?? ds.schema) ? { schema: options.schema ?? ds.schema } : {}),
  });
  const datasets = exported.map((e, i) => ({
    name: e.name,
    displayName: d.datasets[i]!.title ?? e.name,
    queryLines: e.queryLines,
    ...(e.parameters.length ? { parameters: e.parameters } : {}),
    ...catalog(d.datasets[i]!),
  }));
  const filters = filterWidgets(exported, own);
  // Dimension filters list their choices from one small dataset each.
  for (const kw of Object.keys(DIMENSIONS)) {
    if (!filters.some((f) => f.keyword === kw)) continue;
    const col = DIMENSIONS[kw]!.column;
    datasets.push({
      name: `filter_${kw}`,
      displayName: `${DIMENSIONS[kw]!.title} choices`,
      queryLines: [
        `SELECT '${ALL}' AS \`${kw}\`\n`,
        `UNION ALL\n`,
        `SELECT DISTINCT \`${col}\` AS \`${kw}\` FROM payments_enriched_silver`,
      ],
      ...catalog({}),
    });
  }
  const pageList = d.pages ?? [{ name: d.id.replace(/\W/g, '_'), title: d.title }];
  const onPage = (w: Widget, i: number) =>
    (w.page ?? pageList[0]!.name) === pageList[i]!.name || (i === 0 && !pageList.some((p) => p.name === w.page));
  const pages: Record<string, unknown>[] = pageList.map((p, i) => ({
    name: p.name,
    displayName: p.title,
    pageType: 'PAGE_TYPE_CANVAS',
    layout: d.widgets
      .filter((w) => onPage(w, i))
      .map((w) => ({ widget: lakeviewWidget(w), position: { x: w.layout.x, y: w.layout.y, width: w.layout.w, height: w.layout.h } })),
  }));
  if (filters.length) {
    pages.push({
      name: 'global_filters',
      displayName: 'Global filters',
      pageType: 'PAGE_TYPE_GLOBAL_FILTERS',
      layout: filters.map((f, i) => ({ widget: f.widget, position: { x: (i % 3) * 2, y: Math.floor(i / 3) * 2, width: 2, height: 2 } })),
    });
  }
  return {
    datasets,
    pages,
    uiSettings: { theme: { widgetHeaderAlignment: 'ALIGNMENT_UNSPECIFIED' } },
    medallion: {
      id: d.id,
      title: d.title,
      description: d.description,
      defaultDateRange: d.defaultDateRange,
      formatVersion: DASHBOARD_FORMAT_VERSION,
      // Our own SQL, so importing the file back (unedited) gives the same datasets, not a translation.
      datasets: Object.fromEntries(d.datasets.map((ds, i) => [ds.name, { duckdb: ds.sql, databricks: exported[i]!.sql }])),
      filterDatasets: Object.keys(DIMENSIONS).map((kw) => `filter_${kw}`),
    },
  };
}

type Exported = { name: string; keywords: string[] };

/** One filter widget per parameter in use, bound to every dataset that uses it (prev_* follow the dates' defaults). */
function filterWidgets(exported: Exported[], own: Map<string, DashboardParameter>) {
  const used = [...new Set(exported.flatMap((e) => e.keywords))].filter((kw) => !kw.startsWith('prev_') || own.has(kw));
  return used.map((keyword) => {
    const users = exported.filter((e) => e.keywords.includes(keyword));
    const p = own.get(keyword);
    const isDate = p ? p.type === 'DATE' || p.type === 'DATETIME' : keyword.startsWith('date_');
    const widgetType = p?.range ? 'filter-date-range-picker' : isDate ? 'filter-date-picker' : 'filter-single-select';
    const title = p?.title ?? DIMENSIONS[keyword]?.title ?? (keyword === 'date_from' ? 'From' : keyword === 'date_to' ? 'To' : keyword);
    const queries = users.map((e) => ({
      name: `parameter_${e.name}_${keyword}`,
      query: { datasetName: e.name, parameters: [{ name: keyword, keyword }], disaggregated: false },
    }));
    const fields: Record<string, unknown>[] = users.map((e) => ({ parameterName: keyword, queryName: `parameter_${e.name}_${keyword}` }));
    if (DIMENSIONS[keyword] && !p) {
      queries.unshift({
        name: `filter_${keyword}_values`,
        query: {
          datasetName: `filter_${keyword}`,
          fields: [{ name: keyword, expression: `\`${keyword}\`` }],
          disaggregated: false,
        } as never,
      });
      fields.unshift({ fieldName: keyword, displayName: title, queryName: `filter_${keyword}_values` });
    }
    const widget = {
      name: `filter_${keyword}`,
      queries,
      spec: { version: 2, widgetType, encodings: { fields }, frame: { showTitle: true, title } },
    };
    return { keyword, widget };
  });
}

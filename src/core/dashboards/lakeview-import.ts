import {
  DASHBOARD_FORMAT_VERSION,
  FILTER_PARAMS,
  ParameterType,
  type Dashboard,
  type DashboardPage,
  type DashboardParameter,
  type Dataset,
  type Layout,
  type Widget,
} from '../../shared/dashboards/definition';
import { describeZodError } from '../../shared/dashboards/parse';
import { AppError } from '../../shared/errors';
import { GLOBAL_FILTERS_PAGE, LvDataset, LvDoc, LvParameter, LvPosition, LvWidget } from './lakeview-model';
import { catalogsRead, databricksToDuckDb } from './lakeview-sql';
import { describeType, safeName, unknownVersion, widgetFromLakeview } from './lakeview-widgets';

/** What an import kept of a file, for the person who imported it (and the tests). */
export interface LakeviewImportReport {
  pages: { in: number; kept: number };
  widgets: { in: number; drawn: number; text: number; placeholders: number; filters: number };
  datasets: { in: number; kept: number };
  parameters: number;
  /** One line per thing that did not carry over exactly, naming the dataset or widget. */
  warnings: string[];
}

export interface LakeviewImport {
  dashboard: Dashboard;
  /** Placeholders, as "title (what it was)". */
  unsupported: string[];
  report: LakeviewImportReport;
}

/** What our own export left in the file's `medallion` member: the original SQL, and datasets that only feed filters. */
function ourSql(m: Record<string, unknown> | undefined) {
  const sql = new Map<string, { duckdb: string[]; databricks: string }>();
  const entries = m?.datasets && typeof m.datasets === 'object' ? Object.entries(m.datasets as Record<string, unknown>) : [];
  for (const [name, v] of entries) {
    const e = v as { duckdb?: unknown; databricks?: unknown };
    if (Array.isArray(e.duckdb) && e.duckdb.every((l) => typeof l === 'string') && e.duckdb.length && typeof e.databricks === 'string')
      sql.set(name, { duckdb: e.duckdb as string[], databricks: e.databricks });
  }
  const skip = new Set(
    Array.isArray(m?.filterDatasets) ? (m.filterDatasets as unknown[]).filter((x): x is string => typeof x === 'string') : [],
  );
  return { sql, skip };
}

/** Removes grid rows no widget covers (left by filter widgets, which become the filter bar), page by page. */
function compactRows(widgets: Widget[]): void {
  const pages = new Map<string, Widget[]>();
  for (const w of widgets) pages.set(w.page ?? '', [...(pages.get(w.page ?? '') ?? []), w]);
  for (const group of pages.values()) {
    // Positions can be huge (a file's y is free): count the covered rows above y, never the empty ones.
    const used = [...new Set(group.flatMap((w) => Array.from({ length: w.layout.h }, (_, i) => w.layout.y + i)))];
    const empty = (y: number) => y - used.filter((r) => r < y).length;
    for (const w of group) w.layout = { ...w.layout, y: w.layout.y - empty(w.layout.y) };
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(lo, Math.round(v)), hi);

function layoutOf(p: { x: number; y: number; width: number; height: number }, yOffset: number): Layout {
  const x = clamp(p.x, 0, 5);
  return { x, y: yOffset + Math.max(0, Math.round(p.y)), w: clamp(p.width, 1, 6 - x), h: clamp(p.height, 1, 24) };
}

/** Lakeview dataset parameters → ours, first declaration of a keyword wins; problems become warnings. */
function readParameter(raw: unknown, dataset: string, warnings: string[]): DashboardParameter | undefined {
  const p = LvParameter.safeParse(raw);
  if (!p.success) {
    warnings.push(`Dataset "${dataset}": a parameter could not be read (${describeZodError(p.error)}); it is left out.`);
    return undefined;
  }
  const { keyword, dataType, complexType, defaultSelection, displayName } = p.data;
  if (!/^[A-Za-z_]\w*$/.test(keyword)) {
    warnings.push(`Dataset "${dataset}": the parameter "${keyword}" is not a valid name; it is left out.`);
    return undefined;
  }
  const known = ParameterType.safeParse((dataType ?? 'STRING').toUpperCase());
  if (!known.success)
    warnings.push(
      `Dataset "${dataset}": the parameter "${keyword}" has the type "${dataType}", which this app does not know; it is passed as text.`,
    );
  if (complexType === 'MULTI')
    warnings.push(`Dataset "${dataset}": the parameter "${keyword}" takes several values in Lakeview; here it takes one.`);
  const str = (v: { value: string | number | boolean } | undefined) => (v === undefined ? null : String(v.value));
  const range = complexType === 'RANGE';
  return {
    keyword,
    title: displayName || keyword,
    type: known.success ? known.data : 'STRING',
    ...(range ? { range: true, defaultMax: str(defaultSelection?.range?.max) } : {}),
    default: range ? str(defaultSelection?.range?.min) : str(defaultSelection?.values?.values[0]),
  };
}

/**
 * A Lakeview document as our dashboard. Never refuses the file for one widget or dataset: what
 * cannot be read becomes a placeholder or a warning naming it. Canvas pages are kept; filter widgets
 * (on any page, and the global-filters page) become the dashboard's parameter filters.
 */
export function fromLakeview(raw: unknown, fileName: string): LakeviewImport {
  const parsed = LvDoc.safeParse(raw);
  if (!parsed.success)
    throw new AppError('INVALID_FILE', `${fileName} is not a Lakeview dashboard (.lvdash.json): ${describeZodError(parsed.error)}`);
  const doc = parsed.data;
  const ours = doc.medallion !== undefined;
  const warnings: string[] = [];
  const params = new Map<string, DashboardParameter>();
  const dsNames = new Map<string, string>();
  const datasets: Dataset[] = [];
  const dropped = new Map<string, string>();
  const mine = ourSql(doc.medallion);
  doc.datasets.forEach((rawDs, i) => {
    const d = LvDataset.safeParse(rawDs);
    if (d.success && mine.skip.has(d.data.name)) return;
    if (!d.success) {
      warnings.push(`Dataset ${i + 1} could not be read (${describeZodError(d.error)}); widgets that use it show a placeholder.`);
      return;
    }
    const label = d.data.displayName?.trim() || d.data.name;
    const text = d.data.queryLines ? d.data.queryLines.join('') : (d.data.query ?? '');
    const asset = typeof d.data.asset_name === 'string' ? d.data.asset_name : undefined;
    if (!text.trim() && asset) {
      // AI/BI datasets can be a Unity Catalog metric view: its measures are computed by Databricks alone.
      const why = `the metric view ${asset}, which only a Databricks SQL warehouse computes`;
      warnings.push(`Dataset "${label}" is ${why}; widgets that use it show a placeholder.`);
      dropped.set(d.data.name, `It uses the dataset "${label}", ${why}.`);
      return;
    }
    if (!text.trim()) {
      dropped.set(d.data.name, `It uses the dataset "${label}", which has no SQL.`);
      warnings.push(`Dataset "${label}" has no SQL; widgets that use it show a placeholder.`);
      return;
    }
    const keywords = new Set<string>();
    for (const rp of d.data.parameters ?? []) {
      const p = readParameter(rp, label, warnings);
      if (!p) continue;
      keywords.add(p.keyword);
      // Our own exports bind the global filter names through the global filters.
      if (!(ours && (FILTER_PARAMS as readonly string[]).includes(p.keyword)) && !params.has(p.keyword)) params.set(p.keyword, p);
    }
    let name = safeName(d.data.name, 'ds');
    while (datasets.some((x) => x.name === name)) name = `${name}_`;
    dsNames.set(d.data.name, name);
    const catalogs = catalogsRead(text);
    const notes = warnings.filter((w) => w.startsWith(`Dataset "${label}"`));
    datasets.push({
      name,
      ...(d.data.displayName?.trim() ? { title: d.data.displayName } : {}),
      // Our own export, unedited since: the DuckDB SQL it was made from, not a translation back.
      sql:
        mine.sql.get(d.data.name)?.databricks === text ? mine.sql.get(d.data.name)!.duckdb : databricksToDuckDb(text, keywords).split('\n'),
      ...(d.data.catalog ? { catalog: d.data.catalog } : {}),
      ...(d.data.schema ? { schema: d.data.schema } : {}),
      ...(catalogs.length ? { warehouseCatalogs: catalogs } : {}),
      ...(notes.length ? { notes } : {}),
    });
  });
  const datasetsIn = doc.datasets.length - mine.skip.size;
  const keptDatasets = datasets.length;

  const canvases = doc.pages.filter((p) => p.pageType !== GLOBAL_FILTERS_PAGE);
  const multiPage = canvases.length > 1;
  const pages: DashboardPage[] = [];
  const widgets: Widget[] = [];
  const report: LakeviewImportReport = {
    pages: { in: doc.pages.length, kept: 0 },
    widgets: { in: 0, drawn: 0, text: 0, placeholders: 0, filters: 0 },
    datasets: { in: datasetsIn, kept: keptDatasets },
    parameters: 0,
    warnings,
  };
  let yOffset = 0;
  const ids = new Set<string>();
  for (const page of doc.pages) {
    const pageTitle = page.displayName?.trim() || page.name.trim() || `Page ${pages.length + 1}`;
    const isFilters = page.pageType === GLOBAL_FILTERS_PAGE;
    let pageName: string | undefined;
    if (!isFilters && multiPage) {
      pageName = safeName(page.name, 'page');
      while (pages.some((p) => p.name === pageName)) pageName = `${pageName}_`;
      pages.push({ name: pageName, title: pageTitle });
    }
    let bottom = yOffset;
    for (const [i, cell] of page.layout.entries()) {
      report.widgets.in++;
      const w = LvWidget.safeParse((cell as { widget?: unknown } | null)?.widget);
      const pos = LvPosition.safeParse((cell as { position?: unknown } | null)?.position);
      const where = `"${pageTitle}" widget ${i + 1}`;
      if (!w.success) {
        warnings.push(`On page ${where}: the widget could not be read (${describeZodError(w.error)}).`);
        if (isFilters) continue;
      }
      const lw = w.success ? w.data : { name: `widget_${i + 1}` };
      if (lw.spec?.widgetType?.startsWith('filter-')) {
        const bound = (lw.queries ?? []).flatMap((q) => (q.query.parameters ?? []).map((p) => p.keyword));
        const title = lw.spec.frame?.title;
        for (const kw of bound) {
          const p = params.get(kw);
          if (p && title && p.title === p.keyword) params.set(kw, { ...p, title });
        }
        report.widgets.filters++;
        if (!bound.length)
          warnings.push(
            `Filter "${title ?? lw.name}" (${lw.spec.widgetType}) filters fields, not parameters; field filters are not applied here.`,
          );
        continue;
      }
      if (isFilters) {
        warnings.push(`The global filters page holds "${lw.name}" (${describeType(lw)}), which is not a filter; it is left out.`);
        continue;
      }
      const layout = pos.success
        ? layoutOf(pos.data, multiPage ? 0 : yOffset)
        : { x: 0, y: (multiPage ? 0 : yOffset) + 1000 + i, w: 2, h: 2 };
      if (!pos.success) warnings.push(`On page ${where}: the position could not be read; the widget is placed at the bottom.`);
      let id = safeName(lw.name, 'w');
      while (ids.has(id)) id = `${id}_`;
      ids.add(id);
      const widget = w.success
        ? widgetFromLakeview(lw as LvWidget, { id, layout, page: pageName, dsNames, datasets, dropped })
        : ({
            id,
            title: `Widget ${i + 1}`,
            type: 'unsupported',
            originalType: 'unknown',
            reason: `The widget could not be read.`,
            layout,
            ...(pageName ? { page: pageName } : {}),
          } as Widget);
      bottom = Math.max(bottom, layout.y + layout.h);
      if (widget.type !== 'unsupported' && unknownVersion(lw as LvWidget))
        warnings.push(
          `"${widget.title}" is a ${lw.spec?.widgetType} at spec version ${lw.spec?.version ?? 'none'}, which this app does not know; ` +
            'it is drawn from the fields it recognises.',
        );
      if (widget.type !== 'unsupported') report.widgets.drawn++;
      else if (widget.originalType === 'text' && widget.text !== undefined) report.widgets.text++;
      else report.widgets.placeholders++;
      widgets.push(widget);
    }
    if (!isFilters && !multiPage) yOffset = bottom;
  }
  compactRows(widgets);
  report.pages.kept = Math.max(pages.length, canvases.length ? 1 : 0);
  report.parameters = params.size;
  if (widgets.length === 0) throw new AppError('INVALID_FILE', `${fileName} has no widgets to show (only filters or nothing at all).`);
  const base = fileName.replace(/\.lvdash\.json$|\.json$/i, '');
  const id =
    (doc.medallion?.id ?? base)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'imported';
  const dashboard: Dashboard = {
    formatVersion: DASHBOARD_FORMAT_VERSION,
    id,
    title:
      (typeof doc.medallion?.title === 'string' ? doc.medallion.title.trim() : '') ||
      (multiPage ? base : canvases[0]?.displayName?.trim() || base) ||
      'Imported dashboard',
    description: doc.medallion?.description ?? `Imported from ${fileName}.`,
    defaultDateRange: doc.medallion?.defaultDateRange ?? 'last_30_days',
    datasets: datasets.length ? datasets : [{ name: 'empty', sql: ['SELECT 1 AS empty'] }],
    widgets,
    ...(pages.length ? { pages } : {}),
    ...(params.size ? { parameters: [...params.values()] } : {}),
  };
  const unsupported = widgets
    .filter((w) => w.type === 'unsupported' && !(w.originalType === 'text' && w.text !== undefined))
    .map((w) => `${w.title} (${(w as { originalType: string }).originalType})`);
  return { dashboard, unsupported, report };
}

import { z } from 'zod';
import {
  DASHBOARD_FORMAT_VERSION,
  DateRangePreset,
  Drill,
  CrossFilterDimension,
  type Dashboard,
  type Dataset,
  type Field,
  type Layout,
  type Widget,
} from '../../shared/dashboards/definition';
import { replaceOutsideLiterals } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import { describeZodError } from '../../shared/dashboards/parse';

/*
 * Databricks AI/BI (Lakeview) `.lvdash.json` interchange. Lakeview keeps datasets as
 * `queryLines` with `:name` parameters and pages of positioned widgets whose `spec` names a
 * `widgetType` and its `encodings`. What Lakeview has no place for (value formats, counter
 * comparisons, cross-filter and drill) travels in a `medallion` member that Lakeview leaves alone.
 */

const LvField = z.object({ name: z.string(), expression: z.string().optional() }).passthrough();
const LvEncoding = z.object({ fieldName: z.string().optional(), displayName: z.string().optional() }).passthrough();
const LvWidget = z
  .object({
    name: z.string(),
    queries: z
      .array(
        z.object({
          name: z.string().optional(),
          query: z.object({ datasetName: z.string(), fields: z.array(LvField).default([]) }).passthrough(),
        }),
      )
      .optional(),
    spec: z
      .object({
        widgetType: z.string(),
        version: z.number().optional(),
        encodings: z.record(z.string(), z.unknown()).default({}),
        frame: z.object({ title: z.string().optional(), description: z.string().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
    textbox_spec: z.string().optional(),
    medallion: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
const LvDoc = z
  .object({
    datasets: z
      .array(
        z
          .object({
            name: z.string(),
            displayName: z.string().optional(),
            queryLines: z.array(z.string()).optional(),
            query: z.string().optional(),
            parameters: z.array(z.object({ keyword: z.string() }).passthrough()).optional(),
          })
          .passthrough(),
      )
      .default([]),
    pages: z
      .array(
        z
          .object({
            name: z.string(),
            displayName: z.string().optional(),
            layout: z
              .array(
                z.object({ widget: LvWidget, position: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }) }),
              )
              .default([]),
          })
          .passthrough(),
      )
      .min(1),
    medallion: z
      .object({ id: z.string().optional(), description: z.string().optional(), defaultDateRange: DateRangePreset.optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const safeName = (s: string, prefix: string) =>
  NAME.test(s) ? s : `${prefix}_${s.replace(/\W+/g, '_').replace(/^_+|_+$/g, '')}`.slice(0, 60);

/** A Lakeview document as our dashboard; widgets we cannot draw become placeholders naming their type. */
export { toLakeview } from './lakeview-export';

export function fromLakeview(raw: unknown, fileName: string): { dashboard: Dashboard; unsupported: string[] } {
  const parsed = LvDoc.safeParse(raw);
  if (!parsed.success)
    throw new AppError('INVALID_FILE', `${fileName} is not a Lakeview dashboard (.lvdash.json): ${describeZodError(parsed.error)}`);
  const doc = parsed.data;
  const dsNames = new Map(doc.datasets.map((d) => [d.name, safeName(d.name, 'ds')]));
  const datasets: Dataset[] = doc.datasets.map((d) => {
    const keywords = new Set((d.parameters ?? []).map((p) => p.keyword));
    const text = d.queryLines ? d.queryLines.join('') : (d.query ?? '');
    const converted = replaceOutsideLiterals(text, /(?<!:):([A-Za-z_]\w*)/g, (n) => (keywords.has(n) ? `$${n}` : `:${n}`));
    return { name: dsNames.get(d.name)!, ...(d.displayName ? { title: d.displayName } : {}), sql: converted.split('\n') };
  });
  const widgets: Widget[] = [];
  const unsupported: string[] = [];
  let pageOffset = 0;
  for (const page of doc.pages) {
    let bottom = 0;
    for (const cell of page.layout) {
      const layout: Layout = {
        x: Math.min(Math.max(0, Math.round(cell.position.x)), 5),
        y: pageOffset + Math.max(0, Math.round(cell.position.y)),
        w: Math.min(Math.max(1, Math.round(cell.position.width)), 6 - Math.min(Math.max(0, Math.round(cell.position.x)), 5)),
        h: Math.min(Math.max(1, Math.round(cell.position.height)), 24),
      };
      bottom = Math.max(bottom, layout.y + layout.h);
      const w = widgetFromLakeview(cell.widget, layout, dsNames, datasets, widgets.length);
      if (w.type === 'unsupported') unsupported.push(`${w.title} (${w.originalType})`);
      widgets.push(w);
    }
    pageOffset = bottom;
  }
  if (widgets.length === 0) throw new AppError('INVALID_FILE', `${fileName} has no widgets.`);
  const base = fileName.replace(/\.lvdash\.json$|\.json$/i, '');
  const id =
    (doc.medallion?.id ?? base)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'imported';
  const dashboard: Dashboard = {
    formatVersion: DASHBOARD_FORMAT_VERSION,
    id,
    title: doc.pages[0]?.displayName ?? base,
    description: doc.medallion?.description ?? `Imported from ${fileName}.`,
    defaultDateRange: doc.medallion?.defaultDateRange ?? 'last_30_days',
    datasets: datasets.length ? datasets : [{ name: 'empty', sql: ['SELECT 1 AS empty'] }],
    widgets,
  };
  return { dashboard, unsupported };
}

type LvWidgetT = z.infer<typeof LvWidget>;

function widgetFromLakeview(lw: LvWidgetT, layout: Layout, dsNames: Map<string, string>, datasets: Dataset[], index: number): Widget {
  const id = safeName(lw.name, 'w');
  const title = lw.spec?.frame?.title ?? (lw.textbox_spec ? 'Text' : `Widget ${index + 1}`);
  const type = lw.spec?.widgetType ?? (lw.textbox_spec !== undefined ? 'text' : 'unknown');
  const placeholder = (reason: string): Widget => ({ id, title, type: 'unsupported', originalType: type, reason, layout });
  if (!['counter', 'bar', 'line', 'area', 'pie', 'table'].includes(type))
    return placeholder(`Lakeview widget type "${type}" is not supported here.`);
  const query = lw.queries?.[0]?.query;
  if (!query) return placeholder('The widget has no query.');
  let dataset = dsNames.get(query.datasetName);
  if (!dataset) return placeholder(`It uses the dataset "${query.datasetName}", which the file does not define.`);
  // Lakeview computes non-trivial field expressions (SUM(`amount`) …) itself; here they become a derived dataset.
  const fieldNames = new Map<string, string>();
  const computed = query.fields.filter((f) => f.expression && f.expression !== `\`${f.name}\``);
  for (const f of query.fields) fieldNames.set(f.name, computed.includes(f) ? safeName(f.name, 'f') : f.name);
  if (computed.length) {
    const base = datasets.find((d) => d.name === dataset)!;
    const select = query.fields.map((f) => `${toDuckExpr(f.expression ?? `\`${f.name}\``)} AS "${fieldNames.get(f.name)}"`);
    const derived = `${dataset}_${id}`.slice(0, 60);
    datasets.push({
      name: derived,
      title: `${base.title ?? base.name} (${title})`,
      sql: [`SELECT ${select.join(', ')}`, 'FROM (', ...base.sql, ') AS src', 'GROUP BY ALL'],
    });
    dataset = derived;
  }
  const m = (lw.medallion ?? {}) as Record<string, unknown>;
  const formats = (m.formats ?? {}) as Record<string, string | undefined>;
  const field = (e: unknown): Field | undefined => {
    const en = LvEncoding.safeParse(e);
    if (!en.success || !en.data.fieldName) return undefined;
    const name = fieldNames.get(en.data.fieldName) ?? en.data.fieldName;
    const f: Field = { field: name };
    if (en.data.displayName && en.data.displayName !== name) f.label = en.data.displayName;
    const fmt = formats[en.data.fieldName] ?? (type === 'counter' ? (m.format as string | undefined) : undefined);
    if (fmt) f.format = fmt as Field['format'];
    return f;
  };
  const enc = lw.spec?.encodings ?? {};
  const common = {
    id,
    title,
    dataset,
    layout,
    ...(typeof m.description === 'string' ? { description: m.description } : {}),
    ...(CrossFilterDimension.safeParse(m.crossFilter).success ? { crossFilter: m.crossFilter as CrossFilterDimension } : {}),
    ...(Drill.safeParse(m.drill).success && m.drill ? { drill: Drill.parse(m.drill) } : {}),
  };
  if (type === 'counter') {
    const value = field(enc.value);
    if (!value) return placeholder('The counter has no value field.');
    const target = LvEncoding.safeParse(enc.target);
    return {
      ...common,
      type: 'counter',
      encodings: {
        value,
        ...(target.success && target.data.fieldName ? { previous: fieldNames.get(target.data.fieldName) ?? target.data.fieldName } : {}),
        ...(typeof m.higherIsBetter === 'boolean' ? { higherIsBetter: m.higherIsBetter } : {}),
      },
    };
  }
  if (type === 'pie') {
    const category = field(enc.color);
    const value = field(enc.angle);
    if (!category || !value) return placeholder('The pie needs a color (category) and an angle (value) field.');
    return { ...common, type: 'pie', encodings: { category, value } };
  }
  if (type === 'table') {
    const cols = Array.isArray(enc.columns)
      ? enc.columns.map(field).filter((f): f is Field => !!f)
      : query.fields.map((f) => ({ field: fieldNames.get(f.name)! }));
    if (!cols.length) return placeholder('The table has no columns.');
    return { ...common, type: 'table', encodings: { columns: cols } };
  }
  const x = field(enc.x);
  const yEnc = enc.y as { fields?: unknown[] } | undefined;
  const y = (yEnc && Array.isArray(yEnc.fields) ? yEnc.fields.map(field) : [field(yEnc)]).filter((f): f is Field => !!f);
  if (!x || !y.length) return placeholder(`The ${type} chart needs an x and a y field.`);
  return {
    ...common,
    type: type as 'bar' | 'line' | 'area',
    encodings: {
      x,
      y: y.slice(0, 6),
      ...(m.stacked === true ? { stacked: true } : {}),
      ...(m.horizontal === true ? { horizontal: true } : {}),
    },
  };
}

/** Databricks field expressions to DuckDB: `col` → "col", "TEXT" → 'TEXT'. */
function toDuckExpr(expr: string): string {
  return expr
    .replace(/"((?:[^"\\]|\\.)*)"/g, (_m, s: string) => `'${s.replace(/'/g, "''")}'`)
    .replace(/`([^`]*)`/g, (_m, s: string) => `"${s.replace(/"/g, '""')}"`);
}

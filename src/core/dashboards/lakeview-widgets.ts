import {
  CrossFilterDimension,
  Drill,
  ValueFormat,
  type Dataset,
  type Field,
  type Layout,
  type UnsupportedWidget,
  type Widget,
} from '../../shared/dashboards/definition';
import { modernizeLegacy } from './lakeview-legacy';
import { LvEncoding, type LvWidget } from './lakeview-model';
import { databricksToDuckDb } from './lakeview-sql';

/*
 * One Lakeview widget as ours. Drawn types: counter, bar, line, area, scatter, pie, table (v1, v2) and
 * combo (as bars of every measure), and legacy version-0 counters and charts that map onto them
 * (lakeview-legacy.ts). Text boxes keep their text; anything else (other legacy visualizations,
 * pivots, maps, word clouds …) becomes a placeholder naming what it was and why.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An identifier for `s` that our schema accepts (Lakeview names are free text). */
export const safeName = (s: string, prefix: string) =>
  NAME.test(s) ? s : `${prefix}_${s.replace(/\W+/g, '_').replace(/^_+|_+$/g, '')}`.slice(0, 60).replace(/_+$/, '') || prefix;

/** Lakeview `encodings.*.format` → our value format (percent values: see lakeview-export). */
function formatOf(raw: unknown): ValueFormat | undefined {
  const t = raw && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined;
  if (t === 'number-currency') return 'currency';
  if (t === 'number-percent') return 'percent';
  if (t === 'number-plain') return 'number';
  if (t === 'date-time' || t === 'date') return 'date';
  return undefined;
}

export interface WidgetContext {
  id: string;
  layout: Layout;
  page?: string;
  /** Lakeview dataset name → ours. */
  dsNames: Map<string, string>;
  /** Our datasets so far; a widget with computed or renamed fields adds a derived one. */
  datasets: Dataset[];
  /** Lakeview datasets that were not kept, with why (a metric view, no SQL …), for their widgets' placeholders. */
  dropped?: Map<string, string>;
}

const DRAWN = new Set(['counter', 'bar', 'line', 'area', 'scatter', 'pie', 'table', 'combo']);
const KNOWN_VERSIONS: Record<string, number[]> = {
  counter: [2],
  bar: [3],
  line: [3],
  area: [3],
  scatter: [3],
  pie: [3],
  table: [1, 2],
  combo: [1],
};

/** A drawn type at a spec version this app was not written for (it is still read, with a warning). */
export function unknownVersion(lw: LvWidget): boolean {
  const t = lw.spec?.widgetType;
  return !!t && DRAWN.has(t) && !KNOWN_VERSIONS[t]!.includes(lw.spec?.version ?? -1);
}

/** The text of a text box, or undefined when the widget is not one. */
export function textOf(lw: LvWidget): string | undefined {
  if (lw.textbox_spec !== undefined) return lw.textbox_spec;
  if (lw.multilineTextboxSpec) return lw.multilineTextboxSpec.lines.join('\n');
  return undefined;
}

/** What a widget was, in words (for placeholders and the import report). */
export function describeType(lw: LvWidget): string {
  const s = lw.spec;
  if (!s) return textOf(lw) !== undefined ? 'text' : 'unknown';
  if (s.version === 0 || !s.widgetType) {
    const viz = s.viz_spec?.viz_type ?? 'unknown';
    return `legacy ${viz.toLowerCase()} visualization (spec version ${s.version ?? '?'})`;
  }
  return s.widgetType;
}

export function widgetFromLakeview(lw: LvWidget, ctx: WidgetContext): Widget {
  const { id, layout, page } = ctx;
  const type = describeType(lw);
  const s = lw.spec;
  const title =
    s?.frame?.title?.trim() || s?.viz_spec?.display_name?.trim() || (textOf(lw) !== undefined ? 'Text' : lw.name.trim() || 'Widget');
  const at = { layout, ...(page ? { page } : {}) };
  const placeholder = (reason: string): UnsupportedWidget => ({ id, title, type: 'unsupported', originalType: type, reason, ...at });
  const text = textOf(lw);
  const was = (lw.medallion as { placeholder?: { title?: unknown; originalType?: unknown; reason?: unknown } } | undefined)?.placeholder;
  if (was && typeof was.originalType === 'string' && typeof was.reason === 'string' && was.originalType !== 'text')
    return { ...placeholder(was.reason), originalType: was.originalType, title: typeof was.title === 'string' ? was.title : title };
  if (text !== undefined && !s)
    return { ...placeholder('A text box.'), originalType: 'text', text, ...(typeof was?.title === 'string' ? { title: was.title } : {}) };
  if (!s) return placeholder(`The widget "${lw.name}" has no spec, so there is nothing to draw.`);
  const modern = modernizeLegacy(lw);
  if (modern) return widgetFromLakeview(modern, ctx);
  if (!DRAWN.has(type)) return placeholder(`Lakeview ${type} widgets are not drawn here.`);
  const versionNote = KNOWN_VERSIONS[type]?.includes(s.version ?? -1)
    ? ''
    : ` (spec version ${s.version ?? 'missing'} is not one this app knows)`;
  const query = lw.queries?.[0]?.query;
  if (!query) return placeholder(`The ${type} widget has no query${versionNote}.`);
  const baseName = ctx.dsNames.get(query.datasetName);
  if (!baseName)
    return placeholder(
      ctx.dropped?.get(query.datasetName) ??
        `It uses the dataset "${query.datasetName}", which the file does not define or which could not be read.`,
    );
  const fieldNames = new Map<string, string>();
  const enc = s.encodings;
  const field = (e: unknown, fallbackFormat?: ValueFormat): Field | undefined => {
    const en = LvEncoding.safeParse(e);
    if (!en.success || !en.data.fieldName) return undefined;
    const name = fieldNames.get(en.data.fieldName);
    if (!name) return undefined;
    const f: Field = { field: name };
    const label = en.data.displayName ?? (name !== en.data.fieldName ? en.data.fieldName : undefined);
    if (label && label !== name) f.label = label;
    const m = (lw.medallion ?? {}) as { formats?: Record<string, string>; format?: string };
    const fmt = ValueFormat.safeParse(m.formats?.[en.data.fieldName] ?? fallbackFormat ?? formatOf((e as { format?: unknown }).format));
    if (fmt.success) f.format = fmt.data;
    return f;
  };
  // Lakeview computes field expressions (SUM(`amount`), DATE_TRUNC(…)) and free-text names itself;
  // here they become a derived dataset over the original, with identifiers our schema accepts.
  const plain = (f: { name: string; expression?: string }) => !f.expression || f.expression === `\`${f.name}\``;
  const used = new Set<string>();
  for (const f of query.fields) {
    let name = plain(f) && NAME.test(f.name) ? f.name : safeName(f.name, 'f');
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    fieldNames.set(f.name, name);
  }
  let dataset = baseName;
  const derive = query.fields.some((f) => !plain(f) || fieldNames.get(f.name) !== f.name) || (query.orders?.length ?? 0) > 0;
  if (derive && query.fields.length) {
    const base = ctx.datasets.find((d) => d.name === baseName)!;
    const duck = (e: string) => databricksToDuckDb(e, new Set());
    const select = query.fields.map((f) => `${duck(f.expression ?? `\`${f.name}\``)} AS "${fieldNames.get(f.name)}"`);
    const grouped = query.disaggregated !== true && query.fields.some((f) => !plain(f));
    const orders = (query.orders ?? [])
      .filter((o) => o.expression)
      .map((o) => `${duck(o.expression!)} ${o.direction === 'DESC' ? 'DESC' : 'ASC'}`);
    let derived = `${baseName}_${id}`.slice(0, 60);
    while (ctx.datasets.some((d) => d.name === derived)) derived = `${derived.slice(0, 58)}_x`;
    ctx.datasets.push({
      ...base,
      name: derived,
      title: `${base.title ?? base.name} (${title})`,
      sql: [
        `SELECT ${select.join(', ')}`,
        'FROM (',
        ...base.sql,
        ') AS src',
        ...(grouped ? ['GROUP BY ALL'] : []),
        ...(orders.length ? [`ORDER BY ${orders.join(', ')}`] : []),
      ],
    });
    dataset = derived;
  }
  const m = (lw.medallion ?? {}) as Record<string, unknown>;
  const common = {
    id,
    title,
    dataset,
    ...at,
    ...(typeof m.description === 'string'
      ? { description: m.description }
      : s.frame?.description
        ? { description: s.frame.description }
        : {}),
    ...(CrossFilterDimension.safeParse(m.crossFilter).success ? { crossFilter: m.crossFilter as CrossFilterDimension } : {}),
    ...(Drill.safeParse(m.drill).success && m.drill ? { drill: Drill.parse(m.drill) } : {}),
  };
  if (type === 'counter') {
    // A counter with a target and no value shows the target (real files use it for a headline number or label).
    const shown = enc.value ?? enc.period ?? enc.target;
    const value = field(shown, ValueFormat.safeParse(m.format).data);
    if (!value) return placeholder(`The counter has no value field${versionNote}.`);
    const target = LvEncoding.safeParse(shown === enc.target ? undefined : enc.target);
    const previous = target.success && target.data.fieldName ? fieldNames.get(target.data.fieldName) : undefined;
    return {
      ...common,
      type: 'counter',
      encodings: {
        value,
        ...(previous ? { previous } : {}),
        ...(typeof m.higherIsBetter === 'boolean' ? { higherIsBetter: m.higherIsBetter } : {}),
      },
    };
  }
  if (type === 'pie') {
    const category = field(enc.color);
    const value = field(enc.angle);
    if (!category || !value) return placeholder(`The pie needs a color (category) and an angle (value) field${versionNote}.`);
    return { ...common, type: 'pie', encodings: { category, value } };
  }
  if (type === 'table') {
    const cols = Array.isArray(enc.columns)
      ? enc.columns
          .filter((c) => (c as { visible?: unknown }).visible !== false)
          .map((c) => field(c))
          .filter((f): f is Field => !!f)
      : query.fields.map((f) => ({ field: fieldNames.get(f.name)!, ...(fieldNames.get(f.name) !== f.name ? { label: f.name } : {}) }));
    if (!cols.length) return placeholder(`The table has no columns${versionNote}.`);
    return { ...common, type: 'table', encodings: { columns: cols } };
  }
  // A bar with a measure split by color and no x draws one bar per color.
  const x = field(enc.x ?? (type === 'bar' ? enc.color : undefined));
  const yEnc = enc.y as { fields?: unknown[]; primary?: { fields?: unknown[] }; secondary?: { fields?: unknown[] } } | undefined;
  const yRaw =
    yEnc?.primary || yEnc?.secondary
      ? [...(yEnc.primary?.fields ?? []), ...(yEnc.secondary?.fields ?? [])]
      : Array.isArray(yEnc?.fields)
        ? yEnc.fields
        : [yEnc];
  const y = yRaw.map((e) => field(e)).filter((f): f is Field => !!f);
  if (!x || !y.length) return placeholder(`The ${type} chart needs an x and a y field${versionNote}.`);
  return {
    ...common,
    type: type === 'combo' ? 'bar' : (type as 'bar' | 'line' | 'area' | 'scatter'),
    encodings: {
      x,
      y: y.slice(0, 6),
      ...(m.stacked === true ? { stacked: true } : {}),
      ...(m.horizontal === true ? { horizontal: true } : {}),
    },
  };
}

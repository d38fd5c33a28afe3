/*
 * A check of `.lvdash.json` documents against the Lakeview dashboard model Databricks publishes in
 * databrickslabs/lsql (`src/databricks/labs/lsql/lakeview/model.py`, v0.17): written from its field
 * list, not copied. lsql itself cannot be installed beside our pinned sqlglot 30.30.0 (it pins
 * sqlglot < 26.30), so npm test uses this. Like lsql's `WidgetSpec.from_dict`, a widget spec must be
 * one of the (widgetType, version) pairs the model knows; like its `is_assignable`, encodings must
 * have the members their type declares. On top, references are checked: a widget's query names a
 * dataset of the file, its encodings name fields of that query, a filter binds parameters the
 * dataset declares, and every `:param` in a dataset's SQL is declared with a default.
 */

/** (widgetType, version) pairs of lsql's WidgetSpec.from_dict. */
const SPECS = new Set([
  'details@1',
  'table@1',
  'counter@2',
  'filter-date-picker@2',
  'filter-date-range-picker@2',
  'filter-multi-select@2',
  'filter-single-select@2',
  'filter-text-entry@2',
  'symbol-map@2',
  'table@2',
  'word-cloud@2',
  'area@3',
  'bar@3',
  'line@3',
  'pie@3',
  'pivot@3',
  'scatter@3',
]);
const SCALES = new Set(['categorical', 'quantitative', 'temporal']);
const DATA_TYPES = new Set(['STRING', 'DATE', 'DATETIME', 'INTEGER', 'DECIMAL', 'BOOLEAN']);
const PAGE_TYPES = new Set(['PAGE_TYPE_CANVAS', 'PAGE_TYPE_GLOBAL_FILTERS']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

/** Every problem found, as `path: what`; an empty list means the document fits the model. */
export function lakeviewModelProblems(doc: unknown): string[] {
  const out: string[] = [];
  const bad = (path: string, what: string) => out.push(`${path}: ${what}`);
  if (!isObj(doc)) return ['document: not an object'];
  if (!Array.isArray(doc.datasets)) bad('datasets', 'not a list');
  if (!Array.isArray(doc.pages) || doc.pages.length === 0) bad('pages', 'not a non-empty list');
  const params = new Map<string, Set<string>>();
  for (const [i, d] of ((doc.datasets as unknown[]) ?? []).entries()) {
    const p = `datasets.${i}`;
    if (!isObj(d) || !str(d.name)) {
      bad(p, 'needs a name');
      continue;
    }
    if (!str(d.displayName)) bad(p, 'needs a displayName (Databricks refuses an empty one)');
    const sql = Array.isArray(d.queryLines) ? d.queryLines.join('') : d.query;
    if (!str(sql)) bad(p, 'needs query or queryLines');
    const declared = new Set<string>();
    for (const [j, q] of ((d.parameters as unknown[]) ?? []).entries()) {
      const pp = `${p}.parameters.${j}`;
      if (!isObj(q) || !str(q.keyword) || !str(q.displayName)) bad(pp, 'needs keyword and displayName');
      else declared.add(q.keyword as string);
      if (!isObj(q) || !DATA_TYPES.has(q.dataType as string)) bad(pp, `dataType ${String(isObj(q) && q.dataType)} is not a Lakeview type`);
      const sel = isObj(q) ? q.defaultSelection : undefined;
      const values = isObj(sel) && isObj(sel.values) ? sel.values.values : undefined;
      const range = isObj(sel) ? sel.range : undefined;
      if (
        !(Array.isArray(values) && values.every((v) => isObj(v) && 'value' in v)) &&
        !(isObj(range) && (isObj(range.min) || isObj(range.max)))
      )
        bad(pp, 'needs a defaultSelection with values or a range');
    }
    if (typeof sql === 'string') {
      const code = sql.replace(/'(?:[^'\\]|\\.)*'|`[^`]*`|--[^\n]*/g, ' ');
      for (const m of code.matchAll(/(?<![:\w]):([A-Za-z_]\w*)/g)) if (!declared.has(m[1]!)) bad(p, `uses :${m[1]} without declaring it`);
    }
    params.set(d.name as string, declared);
  }
  for (const [i, page] of ((doc.pages as unknown[]) ?? []).entries()) {
    const p = `pages.${i}`;
    if (!isObj(page) || !str(page.name) || !Array.isArray(page.layout)) {
      bad(p, 'needs a name and a layout');
      continue;
    }
    if (page.pageType !== undefined && !PAGE_TYPES.has(page.pageType as string)) bad(p, `unknown pageType ${String(page.pageType)}`);
    for (const [j, cell] of page.layout.entries()) widgetProblems(cell, `${p}.layout.${j}`, params, bad);
  }
  return out;
}

function widgetProblems(cell: unknown, p: string, params: Map<string, Set<string>>, bad: (path: string, what: string) => void): void {
  if (!isObj(cell) || !isObj(cell.widget) || !isObj(cell.position)) return bad(p, 'needs widget and position');
  const { x, y, width, height } = cell.position;
  if (![x, y, width, height].every(int) || (x as number) < 0 || (width as number) < 1 || (x as number) + (width as number) > 6)
    bad(`${p}.position`, 'needs integers inside the six-column grid');
  const w = cell.widget;
  if (!str(w.name)) bad(`${p}.widget`, 'needs a name');
  if (w.spec === undefined) {
    const text = typeof w.textbox_spec === 'string' || (isObj(w.multilineTextboxSpec) && Array.isArray(w.multilineTextboxSpec.lines));
    if (!text) bad(`${p}.widget`, 'has neither spec nor text');
    return;
  }
  if (!isObj(w.spec)) return bad(`${p}.widget.spec`, 'not an object');
  const type = String(w.spec.widgetType);
  if (!SPECS.has(`${type}@${String(w.spec.version)}`))
    return bad(`${p}.widget.spec`, `unknown: version=${String(w.spec.version)} widgetType=${type}`);
  const queries = Array.isArray(w.queries) ? w.queries.filter(isObj) : [];
  const byName = new Map(queries.map((q) => [q.name as string, isObj(q.query) ? q.query : {}]));
  for (const [k, q] of byName) {
    if (!str(q.datasetName) || !params.has(q.datasetName as string))
      bad(`${p}.queries.${k}`, `names an unknown dataset ${String(q.datasetName)}`);
    for (const b of (q.parameters as unknown[]) ?? [])
      if (!isObj(b) || !params.get(q.datasetName as string)?.has(b.keyword as string))
        bad(`${p}.queries.${k}`, `binds ${String(isObj(b) && b.keyword)}, which dataset ${String(q.datasetName)} does not declare`);
  }
  const enc = w.spec.encodings;
  if (!isObj(enc)) return bad(`${p}.widget.spec`, 'needs encodings');
  if (type.startsWith('filter-')) {
    if (!Array.isArray(enc.fields) || enc.fields.length === 0) return bad(`${p}.encodings`, 'a filter needs fields');
    for (const f of enc.fields)
      if (!isObj(f) || !byName.has(f.queryName as string) || !(str(f.fieldName) || str(f.parameterName)))
        bad(`${p}.encodings.fields`, 'each needs a queryName of the widget and a fieldName or parameterName');
    return;
  }
  const main = queries[0] && isObj(queries[0].query) ? queries[0].query : undefined;
  const fields = new Set(Array.isArray(main?.fields) ? main.fields.filter(isObj).map((f) => f.name as string) : []);
  const field = (e: unknown, path: string, scale?: 'required') => {
    if (!isObj(e) || !str(e.fieldName) || !fields.has(e.fieldName as string)) return bad(path, 'needs a fieldName of the query');
    if (scale && !(isObj(e.scale) && SCALES.has(e.scale.type as string))) bad(path, 'needs a scale type');
    if (e.format !== undefined && !(isObj(e.format) && str(e.format.type))) bad(path, 'a format needs a type');
  };
  if (type === 'counter') {
    if (enc.value === undefined) bad(`${p}.encodings`, 'a counter needs a value');
    else field(enc.value, `${p}.encodings.value`);
    if (enc.target !== undefined) field(enc.target, `${p}.encodings.target`);
  } else if (type === 'pie') {
    field(enc.angle, `${p}.encodings.angle`, 'required');
    field(enc.color, `${p}.encodings.color`, 'required');
  } else if (type === 'table') {
    if (!Array.isArray(enc.columns) || enc.columns.length === 0) bad(`${p}.encodings`, 'a table needs columns');
    else enc.columns.forEach((c, k) => field(c, `${p}.encodings.columns.${k}`));
  } else if (['bar', 'line', 'area', 'scatter'].includes(type)) {
    for (const axis of ['x', 'y'] as const) {
      const a = enc[axis];
      if (isObj(a) && Array.isArray(a.fields)) {
        if (!(isObj(a.scale) && SCALES.has(a.scale.type as string))) bad(`${p}.encodings.${axis}`, 'a multi-field axis needs a scale');
        a.fields.forEach((f, k) => field(f, `${p}.encodings.${axis}.fields.${k}`));
      } else field(a, `${p}.encodings.${axis}`, 'required');
    }
  }
}

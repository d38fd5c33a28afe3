import type { LvWidget } from './lakeview-model';

/*
 * Legacy (spec version 0) Lakeview widgets: visualizations migrated from Databricks SQL dashboards.
 * Their settings sit in `viz_spec.serialized_options` (a JSON string): a COUNTER names its column in
 * `counterColName` (and a target in `targetColName`); a CHART maps dataset columns to axes in
 * `columnMapping` and draws `globalSeriesType`. Those that map onto a current widget are rewritten
 * as one (counter v2, bar/line/area/scatter/pie v3) over the dataset's own columns; anything else
 * (tables without columns, series splits, bubbles, heatmaps …) stays a placeholder naming what it was.
 */

const CHART_TYPES: Record<string, string> = { column: 'bar', bar: 'bar', line: 'line', area: 'area', scatter: 'scatter', pie: 'pie' };

function options(lw: LvWidget): Record<string, unknown> | undefined {
  const raw = lw.spec?.viz_spec?.serialized_options;
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** The current widget a legacy one amounts to, or undefined when it cannot be drawn the same way. */
export function modernizeLegacy(lw: LvWidget): LvWidget | undefined {
  const s = lw.spec;
  const query = lw.queries?.[0]?.query;
  if (!s || s.version !== 0 || !query || (lw.queries?.length ?? 0) > 1) return undefined;
  const viz = s.viz_spec?.viz_type?.toUpperCase();
  const o = options(lw);
  if (!o) return undefined;
  const description = str(s.viz_spec?.description);
  const frame = { title: s.viz_spec?.display_name, ...(description ? { description } : {}) };
  const over = (columns: string[]) => ({
    ...lw,
    queries: [
      {
        name: 'main_query',
        query: { datasetName: query.datasetName, fields: columns.map((c) => ({ name: c, expression: `\`${c}\`` })), disaggregated: true },
      },
    ],
  });
  if (viz === 'COUNTER') {
    const value = str(o.counterColName);
    const target = str(o.targetColName);
    // Only the first row is what our counters show.
    if (!value || (o.rowNumber !== undefined && o.rowNumber !== 1)) return undefined;
    return {
      ...over(target ? [value, target] : [value]),
      spec: {
        version: 2,
        widgetType: 'counter',
        frame,
        encodings: { value: { fieldName: value }, ...(target ? { target: { fieldName: target } } : {}) },
      },
    };
  }
  if (viz === 'CHART') {
    const type = CHART_TYPES[String(o.globalSeriesType)];
    const mapping =
      o.columnMapping && typeof o.columnMapping === 'object' ? Object.entries(o.columnMapping as Record<string, unknown>) : [];
    const x = mapping.filter(([, axis]) => axis === 'x').map(([c]) => c);
    const y = mapping.filter(([, axis]) => axis === 'y').map(([c]) => c);
    // A series split, error bars or bubble sizes have no counterpart here: drawing without them would mislead.
    if (!type || x.length !== 1 || !y.length || mapping.some(([, axis]) => axis !== 'x' && axis !== 'y')) return undefined;
    const encodings =
      type === 'pie'
        ? { color: { fieldName: x[0] }, angle: { fieldName: y[0] } }
        : { x: { fieldName: x[0] }, y: { fields: y.map((fieldName) => ({ fieldName })) } };
    return { ...over([x[0]!, ...y]), spec: { version: 3, widgetType: type, frame, encodings } };
  }
  return undefined;
}

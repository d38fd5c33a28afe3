import { DASHBOARD_FORMAT_VERSION, type Dashboard, type Field, type Widget } from '../../shared/dashboards/definition';
import { replaceOutsideLiterals } from '../../shared/dashboards/filters';

/* Export to Databricks AI/BI (Lakeview) `.lvdash.json`; the format is described in lakeview.ts. */

const PARAM_TYPES: Record<string, string> = { date_from: 'DATE', date_to: 'DATE', prev_from: 'DATE', prev_to: 'DATE' };

/** Our dashboard as a Lakeview document: one page, one widget per layout cell. */
export function toLakeview(d: Dashboard): Record<string, unknown> {
  const datasets = d.datasets.map((ds) => {
    const names = new Set<string>();
    const lines = ds.sql.map((line) => replaceOutsideLiterals(line, /\$([A-Za-z_]\w*)/g, (n) => (names.add(n), `:${n}`)));
    return {
      name: ds.name,
      displayName: ds.title ?? ds.name,
      queryLines: lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)),
      parameters: [...names].map((keyword) => ({ displayName: keyword, keyword, dataType: PARAM_TYPES[keyword] ?? 'STRING' })),
    };
  });
  const layout = d.widgets.map((w) => ({
    widget: widgetToLakeview(w),
    position: { x: w.layout.x, y: w.layout.y, width: w.layout.w, height: w.layout.h },
  }));
  return {
    datasets,
    pages: [{ name: d.id, displayName: d.title, layout }],
    medallion: { id: d.id, description: d.description, defaultDateRange: d.defaultDateRange, formatVersion: DASHBOARD_FORMAT_VERSION },
  };
}

function enc(f: Field, scale?: string) {
  return { fieldName: f.field, displayName: f.label ?? f.field, ...(scale ? { scale: { type: scale } } : {}) };
}

function widgetToLakeview(w: Widget): Record<string, unknown> {
  if (w.type === 'unsupported') {
    return { name: w.id, spec: { version: 2, widgetType: w.originalType, encodings: {}, frame: { showTitle: true, title: w.title } } };
  }
  const fields: Field[] = [];
  let encodings: Record<string, unknown>;
  const extra: Record<string, unknown> = { crossFilter: w.crossFilter, drill: w.drill, description: w.description };
  if (w.type === 'counter') {
    fields.push(w.encodings.value);
    encodings = { value: enc(w.encodings.value) };
    if (w.encodings.previous) {
      fields.push({ field: w.encodings.previous });
      encodings.target = { fieldName: w.encodings.previous, displayName: 'Previous period' };
    }
    Object.assign(extra, { format: w.encodings.value.format, higherIsBetter: w.encodings.higherIsBetter });
  } else if (w.type === 'pie') {
    fields.push(w.encodings.category, w.encodings.value);
    encodings = { angle: enc(w.encodings.value, 'quantitative'), color: enc(w.encodings.category, 'categorical') };
    extra.formats = { [w.encodings.value.field]: w.encodings.value.format, [w.encodings.category.field]: w.encodings.category.format };
  } else if (w.type === 'table') {
    fields.push(...w.encodings.columns);
    encodings = { columns: w.encodings.columns.map((c) => enc(c)) };
    extra.formats = Object.fromEntries(w.encodings.columns.map((c) => [c.field, c.format]));
  } else {
    const { x, y } = w.encodings;
    fields.push(x, ...y);
    const temporal = x.format === 'date' ? 'temporal' : 'categorical';
    encodings = {
      x: enc(x, temporal),
      y: y.length === 1 ? enc(y[0]!, 'quantitative') : { scale: { type: 'quantitative' }, fields: y.map((f) => enc(f)) },
    };
    Object.assign(extra, {
      stacked: w.encodings.stacked,
      horizontal: w.encodings.horizontal,
      formats: Object.fromEntries([x, ...y].map((f) => [f.field, f.format])),
    });
  }
  return {
    name: w.id,
    queries: [
      {
        name: 'main_query',
        query: {
          datasetName: w.dataset,
          fields: fields.map((f) => ({ name: f.field, expression: `\`${f.field}\`` })),
          disaggregated: true,
        },
      },
    ],
    spec: {
      version: w.type === 'table' ? 1 : w.type === 'counter' ? 2 : 3,
      widgetType: w.type,
      encodings,
      frame: { showTitle: true, title: w.title },
    },
    medallion: JSON.parse(JSON.stringify(extra)) as Record<string, unknown>,
  };
}

import type { Field, ValueFormat, Widget } from '../../shared/dashboards/definition';

/*
 * One widget as a Lakeview widget at a current spec version: counter v2, bar/line/area/scatter/pie v3,
 * table v2. A placeholder (or a text box) is exported as a text box naming what it stands for, since
 * Lakeview rejects widget types it does not know.
 */

/**
 * Our value formats in Lakeview's `encodings.*.format`. Our rates are already percentages (87.5),
 * while Lakeview's number-percent multiplies a fraction by 100, so rates go out as plain numbers.
 */
function lvFormat(f: ValueFormat | undefined): Record<string, unknown> | undefined {
  const places = (type: 'exact' | 'max', n: number) => ({ decimalPlaces: { type, places: n } });
  switch (f) {
    case 'integer':
      return { type: 'number-plain', abbreviation: 'none', ...places('exact', 0) };
    case 'currency':
      return { type: 'number-currency', currencyCode: 'USD', abbreviation: 'compact', ...places('exact', 2) };
    case 'percent':
    case 'pp':
    case 'ms':
      return { type: 'number-plain', abbreviation: 'none', ...places('max', 2) };
    case 'score':
      return { type: 'number-plain', abbreviation: 'none', ...places('exact', 4) };
    case 'number':
      return { type: 'number-plain', abbreviation: 'compact', ...places('max', 2) };
    default:
      return undefined;
  }
}

function enc(f: Field, scale?: 'quantitative' | 'categorical' | 'temporal') {
  const format = lvFormat(f.format);
  return {
    fieldName: f.field,
    displayName: f.label ?? f.field,
    ...(scale ? { scale: { type: scale } } : {}),
    ...(format ? { format } : {}),
  };
}

function textWidget(w: Extract<Widget, { type: 'unsupported' }>): Record<string, unknown> {
  const text = w.originalType === 'text' && w.text !== undefined ? w.text : `**${w.title}** (${w.originalType}): ${w.reason}`;
  return {
    name: w.id,
    multilineTextboxSpec: { lines: text.split('\n') },
    medallion: { placeholder: { title: w.title, originalType: w.originalType, reason: w.reason } },
  };
}

export function lakeviewWidget(w: Widget): Record<string, unknown> {
  if (w.type === 'unsupported') return textWidget(w);
  const fields: Field[] = [];
  let encodings: Record<string, unknown>;
  const extra: Record<string, unknown> = { crossFilter: w.crossFilter, drill: w.drill, description: w.description };
  let formats: Field[] = [];
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
    formats = [w.encodings.value, w.encodings.category];
  } else if (w.type === 'table') {
    fields.push(...w.encodings.columns);
    encodings = { columns: w.encodings.columns.map((c) => enc(c)) };
    formats = w.encodings.columns;
  } else {
    const { x, y } = w.encodings;
    fields.push(x, ...y);
    const xScale = w.type === 'scatter' ? 'quantitative' : x.format === 'date' ? 'temporal' : 'categorical';
    const yEnc = y.length === 1 ? enc(y[0]!, 'quantitative') : { scale: { type: 'quantitative' }, fields: y.map((f) => enc(f)) };
    encodings = { x: enc(x, xScale), y: yEnc };
    Object.assign(extra, { stacked: w.encodings.stacked, horizontal: w.encodings.horizontal });
    formats = [x, ...y];
  }
  if (formats.length) extra.formats = Object.fromEntries(formats.map((f) => [f.field, f.format]));
  const unique = [...new Map(fields.map((f) => [f.field, f])).values()];
  return {
    name: w.id,
    queries: [
      {
        name: 'main_query',
        query: {
          datasetName: w.dataset,
          fields: unique.map((f) => ({ name: f.field, expression: `\`${f.field}\`` })),
          disaggregated: true,
        },
      },
    ],
    spec: {
      version: w.type === 'counter' || w.type === 'table' ? 2 : 3,
      widgetType: w.type,
      encodings,
      frame: { showTitle: true, title: w.title, ...(w.description ? { showDescription: true, description: w.description } : {}) },
    },
    medallion: JSON.parse(JSON.stringify(extra)) as Record<string, unknown>,
  };
}

import type { Column } from '../../shared/api';
import type { AskChart } from '../../shared/api/domains/ask';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*|REAL)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP.*)$/i;

export interface ChartHints {
  /** Output columns that are dimensions, when the engine knows them. */
  dimensionColumns?: string[];
  /** A time dimension (event_date, event_hour, week …) even when it is not a DATE type. */
  timeColumn?: string;
}

/**
 * Picks the chart from the result's shape: one number → counter; a date column → line;
 * one category → bar; two categories → grouped bar; anything else → table.
 */
export function chooseChart(columns: Column[], rowCount: number, hints: ChartHints = {}): AskChart {
  const isNumeric = (c: Column) => NUMERIC.test(c.type);
  const dims = hints.dimensionColumns
    ? columns.filter((c) => hints.dimensionColumns?.includes(c.name))
    : columns.filter((c) => !isNumeric(c));
  const measures = columns.filter((c) => !dims.includes(c) && isNumeric(c));
  if (rowCount === 0 || measures.length === 0) return { type: 'table', y: [] };
  if (dims.length === 0) {
    return rowCount === 1 && columns.length >= 1 ? { type: 'counter', y: measures.map((m) => m.name) } : { type: 'table', y: [] };
  }
  const time = dims.find((d) => d.name === hints.timeColumn || TEMPORAL.test(d.type));
  if (time) {
    const other = dims.find((d) => d !== time);
    return { type: 'line', x: time.name, y: measures.map((m) => m.name), ...(other ? { series: other.name } : {}) };
  }
  if (dims.length === 1) return { type: 'bar', x: dims[0]?.name, y: measures.map((m) => m.name) };
  if (dims.length === 2)
    return { type: 'grouped-bar', x: dims[0]?.name, series: dims[1]?.name, y: measures.slice(0, 1).map((m) => m.name) };
  return { type: 'table', y: [] };
}

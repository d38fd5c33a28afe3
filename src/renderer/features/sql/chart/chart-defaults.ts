import type { Cell, Column } from '../../../../shared/api';
import { isNumericType, isTemporalType } from '../grid/cell-format';

export type ChartKind = 'line' | 'bar' | 'area' | 'scatter' | 'pie';
export const CHART_KINDS: ChartKind[] = ['line', 'bar', 'area', 'scatter', 'pie'];

export interface ChartSpec {
  kind: ChartKind;
  x: string;
  y: string[];
  /** A category column: one series per value (line, bar, area). */
  split?: string;
  /** A measure of `y` drawn against a second axis on the right (line, bar, area). */
  right?: string;
}

/**
 * A first chart from the column types: time + numbers → line, category + numbers → bar
 * (pie when a single measure has a handful of slices), two numbers → scatter.
 */
export function defaultChart(columns: Column[], rowCount: number): ChartSpec | undefined {
  const numeric = columns.filter((c) => isNumericType(c.type)).map((c) => c.name);
  const temporal = columns.find((c) => isTemporalType(c.type));
  const category = columns.find((c) => !isNumericType(c.type) && !isTemporalType(c.type));
  if (numeric.length === 0) return undefined;
  if (temporal) return { kind: 'line', x: temporal.name, y: numeric.slice(0, 3) };
  if (category) {
    const kind = numeric.length === 1 && rowCount > 1 && rowCount <= 6 ? 'pie' : 'bar';
    return { kind, x: category.name, y: numeric.slice(0, kind === 'pie' ? 1 : 3) };
  }
  if (numeric.length >= 2) return { kind: 'scatter', x: numeric[0]!, y: [numeric[1]!] };
  return { kind: 'bar', x: numeric[0]!, y: numeric.slice(0, 1) };
}

/** Rows as Recharts data: measures as numbers, the x value as given (text for categories). */
export function chartData(columns: Column[], rows: Cell[][], spec: ChartSpec): Record<string, string | number | null>[] {
  const xi = columns.findIndex((c) => c.name === spec.x);
  const yi = spec.y.map((name) => columns.findIndex((c) => c.name === name));
  const xNumeric = xi >= 0 && isNumericType(columns[xi]!.type);
  return rows.map((row) => {
    const point: Record<string, string | number | null> = {};
    const xv = row[xi];
    point[spec.x] =
      xv === null || xv === undefined
        ? null
        : xNumeric
          ? Number(xv)
          : typeof xv === 'object'
            ? JSON.stringify(xv)
            : (xv as string | number);
    spec.y.forEach((name, k) => {
      const v = row[yi[k]!];
      point[name] = v === null || v === undefined ? null : Number(v);
    });
    return point;
  });
}

import type { Cell, Column } from '../../../../shared/api';
import { categoryColor, seriesColor } from '../../../../shared/dashboards/palette';
import { chartData, type ChartSpec } from './chart-defaults';

/** At most this many split series are drawn (the largest by their first measure); the rest are counted. */
export const MAX_SPLIT_SERIES = 12;

export type Point = Record<string, string | number | null>;

/** One drawn series: its key in the data points, what the legend says, its colour and axis. */
export interface Series {
  key: string;
  label: string;
  measure: string;
  color: string;
  axis: 'left' | 'right';
}

export interface ChartSeries {
  data: Point[];
  series: Series[];
  /** Split values left out beyond MAX_SPLIT_SERIES. */
  hidden: number;
}

const text = (v: Cell | undefined): string =>
  v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * The points and series of a line/bar/area chart. Without `split`, one series per measure.
 * With `split`, one series per value of that column (per measure when there are several),
 * coloured by the value so a category keeps its colour whatever else is on screen; points are
 * pivoted to one per x value, in the order x values first appear.
 */
export function chartSeries(columns: Column[], rows: Cell[][], spec: ChartSpec): ChartSeries {
  const axisOf = (measure: string): Series['axis'] => (spec.right && spec.right === measure && spec.y.length > 1 ? 'right' : 'left');
  const si = spec.split ? columns.findIndex((c) => c.name === spec.split) : -1;
  if (si < 0 || spec.split === spec.x) {
    return {
      data: chartData(columns, rows, spec),
      series: spec.y.map((m, i) => ({ key: m, label: m, measure: m, color: seriesColor(m, i), axis: axisOf(m) })),
      hidden: 0,
    };
  }
  const flat = chartData(columns, rows, spec);
  const first = spec.y[0];
  const totals = new Map<string, number>();
  rows.forEach((row, r) => {
    const value = text(row[si]);
    totals.set(value, (totals.get(value) ?? 0) + Math.abs(Number(first ? flat[r]![first] : 0) || 0));
  });
  const kept = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b)).slice(0, MAX_SPLIT_SERIES);
  const keep = new Set(kept);
  // Keys are s0, s1…: Recharts reads a dot in a dataKey as a path, and values may hold dots.
  const keys = new Map(kept.flatMap((value, v) => spec.y.map((m, k) => [`${value}\u0000${m}`, `s${v * spec.y.length + k}`] as const)));
  const keyOf = (value: string, m: string) => keys.get(`${value}\u0000${m}`)!;
  const byX = new Map<string, Point>();
  rows.forEach((row, r) => {
    const value = text(row[si]);
    if (!keep.has(value)) return;
    const x = flat[r]![spec.x] ?? null;
    // One point per x value, in the order x values first appear.
    const id = String(x);
    let point = byX.get(id);
    if (!point) byX.set(id, (point = { [spec.x]: x }));
    for (const m of spec.y) point[keyOf(value, m)] = flat[r]![m] ?? null;
  });
  const series = kept
    .sort((a, b) => a.localeCompare(b))
    .flatMap((value) =>
      spec.y.map((m) => ({
        key: keyOf(value, m),
        label: spec.y.length > 1 ? `${value} · ${m}` : value,
        measure: m,
        color: categoryColor(value),
        axis: axisOf(m),
      })),
    );
  return { data: [...byX.values()], series, hidden: totals.size - kept.length };
}

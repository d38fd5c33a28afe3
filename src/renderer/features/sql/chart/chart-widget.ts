import type { NewWidget } from '../../../../shared/api';
import type { ChartSpec } from './chart-defaults';

/** Widget types a dashboard can draw (a dashboard has no scatter plot). */
export type DashboardWidgetType = 'line' | 'bar' | 'area' | 'pie' | 'table';
export const DASHBOARD_WIDGET_TYPES: DashboardWidgetType[] = ['bar', 'line', 'area', 'pie', 'table'];

/** The dashboard widget type closest to the chart on screen. */
export function widgetTypeFor(spec: ChartSpec): DashboardWidgetType {
  return spec.kind === 'scatter' ? 'bar' : spec.kind;
}

/** The chart's columns as the encodings of a dashboard widget of `type`. */
export function widgetFromChart(spec: ChartSpec, type: DashboardWidgetType): NewWidget {
  switch (type) {
    case 'pie':
      return { type, encodings: { category: { field: spec.x }, value: { field: spec.y[0]! } } };
    case 'table':
      return { type, encodings: { columns: [spec.x, ...spec.y.filter((y) => y !== spec.x)].map((field) => ({ field })) } };
    default:
      return { type, encodings: { x: { field: spec.x }, y: spec.y.slice(0, 6).map((field) => ({ field })) } };
  }
}

/** A first title for the widget, e.g. "payments, volume by network". */
export function defaultWidgetTitle(spec: ChartSpec): string {
  return `${spec.y.join(', ')} by ${spec.x}`;
}

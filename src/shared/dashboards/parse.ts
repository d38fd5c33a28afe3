import { z } from 'zod';
import { Dashboard, DASHBOARD_FORMAT_VERSION, Layout, Widget, type UnsupportedWidget } from './definition';

/** Turns a zod error into one line a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'file'}: ${i.message}`)
    .join('; ');
}

const Loose = Dashboard.extend({ widgets: z.array(z.unknown()).min(1) });

/**
 * Reads a dashboard file. The file as a whole must be valid; a widget that is not (an unknown
 * type, a bad encoding) becomes an `unsupported` widget that says why, so the rest still renders.
 */
export function parseDashboard(raw: unknown): Dashboard {
  if (raw && typeof raw === 'object' && 'formatVersion' in raw) {
    const v = (raw as { formatVersion: unknown }).formatVersion;
    if (typeof v === 'number' && v > DASHBOARD_FORMAT_VERSION) {
      throw new Error(
        `This dashboard uses format version ${v}; this app reads up to version ${DASHBOARD_FORMAT_VERSION}. Update Medallion Workbench.`,
      );
    }
  }
  const loose = Loose.safeParse(raw);
  if (!loose.success) throw new Error(`Not a valid dashboard file: ${describeZodError(loose.error)}`);
  const datasets = new Set(loose.data.datasets.map((d) => d.name));
  const widgets = loose.data.widgets.map((w, i) => toWidget(w, i, datasets));
  return { ...loose.data, widgets };
}

function toWidget(raw: unknown, index: number, datasets: Set<string>): Widget {
  const parsed = Widget.safeParse(raw);
  if (parsed.success) {
    const w = parsed.data;
    if (w.type !== 'unsupported' && !datasets.has(w.dataset)) {
      return unsupported(raw, index, w.type, `It uses the dataset "${w.dataset}", which this dashboard does not define.`);
    }
    return w;
  }
  const type =
    raw && typeof raw === 'object' && typeof (raw as { type?: unknown }).type === 'string' ? (raw as { type: string }).type : 'unknown';
  const known = ['counter', 'line', 'bar', 'area', 'scatter', 'pie', 'table'].includes(type);
  const reason = known ? `Its definition is invalid: ${describeZodError(parsed.error)}` : `The widget type "${type}" is not supported.`;
  return unsupported(raw, index, type, reason);
}

function unsupported(raw: unknown, index: number, originalType: string, reason: string): UnsupportedWidget {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const layout = Layout.safeParse(r.layout);
  const id = typeof r.id === 'string' && /^[A-Za-z_]\w*$/.test(r.id) ? r.id : `widget_${index + 1}`;
  return {
    id,
    title: typeof r.title === 'string' ? r.title : `Widget ${index + 1}`,
    type: 'unsupported',
    originalType,
    reason,
    layout: layout.success ? layout.data : { x: 0, y: 1000 + index, w: 2, h: 2 },
  };
}

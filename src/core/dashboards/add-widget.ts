import type { AddWidgetInput } from '../../shared/api';
import { DASHBOARD_FORMAT_VERSION, Dashboard, FILTER_PARAMS, GRID_COLUMNS, type Widget } from '../../shared/dashboards/definition';
import { referencedParams } from '../../shared/dashboards/filters';
import { describeZodError } from '../../shared/dashboards/parse';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { checkUntrustedSql } from '../security/untrusted-sql';
import type { ImportedDashboards } from './imported-store';
import { BUNDLE_PREFIX, IMPORTED_PREFIX } from './service';

/** A lower-case, dash-separated id from a title, e.g. "Declines by network" → `declines-by-network`. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'dashboard';
}

function freeName(taken: Set<string>, stem: string, separator: string): string {
  if (!taken.has(stem)) return stem;
  let n = 2;
  while (taken.has(`${stem}${separator}${n}`)) n++;
  return `${stem}${separator}${n}`;
}

function fields(widget: AddWidgetInput['widget']): string[] {
  switch (widget.type) {
    case 'counter':
      return [widget.encodings.value.field, ...(widget.encodings.previous ? [widget.encodings.previous] : [])];
    case 'pie':
      return [widget.encodings.category.field, widget.encodings.value.field];
    case 'table':
      return widget.encodings.columns.map((c) => c.field);
    default:
      return [widget.encodings.x.field, ...widget.encodings.y.map((y) => y.field)];
  }
}

/** Checks the statement runs on the local database and returns its column names (reads no rows). */
async function resultColumns(engine: Engine, sql: string): Promise<string[]> {
  const unknown = referencedParams(sql).filter((p) => !(FILTER_PARAMS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `The SQL uses $${unknown.join(', $')}, which no dashboard filter provides. Write the value in, or use one of $${FILTER_PARAMS.join(', $')}.`,
    );
  }
  const params = Object.fromEntries(referencedParams(sql).map((p) => [p, null]));
  try {
    // A saved dataset travels with the dashboard (Lakeview export, bundles): it must pass the untrusted-SQL gate too.
    await checkUntrustedSql(engine, sql);
    const r = await engine.query(`SELECT * FROM (\n${sql}\n) AS chart_source LIMIT 0`, { params, timeoutMs: 30_000 });
    return r.columns.map((c) => c.name);
  } catch (error) {
    throw new AppError(
      'INVALID_INPUT',
      `A dashboard dataset must be one SELECT that runs on the local database: ${(error as Error).message}`,
    );
  }
}

/**
 * Saves a chart from the SQL page into a user dashboard: its statement becomes a dataset, the
 * chart a widget below the existing ones. The result is validated with the dashboard file schema.
 */
export async function addWidget(
  engine: Engine,
  imported: ImportedDashboards,
  input: AddWidgetInput,
): Promise<{ id: string; title: string; widgetId: string; created: boolean }> {
  if (!!input.dashboardId === !!input.newDashboardTitle) {
    throw new AppError('INVALID_INPUT', 'Choose an existing dashboard or name a new one (one of the two).');
  }
  let existing: Dashboard | undefined;
  if (input.dashboardId) {
    if (!input.dashboardId.startsWith(IMPORTED_PREFIX)) {
      const kind = input.dashboardId.startsWith(BUNDLE_PREFIX) ? 'Opened bundles are read-only' : 'Built-in dashboards cannot be changed';
      throw new AppError('INVALID_INPUT', `${kind}: save the chart to one of your dashboards or to a new one.`);
    }
    existing = imported.get(input.dashboardId.slice(IMPORTED_PREFIX.length));
    if (!existing) throw new AppError('NOT_FOUND', `There is no dashboard "${input.dashboardId}". Pick another one or create a new one.`);
  }

  const sql = input.sql.replace(/[\s;]+$/, '');
  const columns = await resultColumns(engine, sql);
  const missing = fields(input.widget).filter((f) => !columns.includes(f));
  if (missing.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `The result has no column ${missing.map((m) => `"${m}"`).join(', ')} (it has ${columns.join(', ')}).`,
    );
  }

  const base: Dashboard =
    existing ??
    ({
      formatVersion: DASHBOARD_FORMAT_VERSION,
      id: freeName(new Set(imported.list().map((d) => d.id)), slugify(input.newDashboardTitle!), '-'),
      title: input.newDashboardTitle!,
      description: 'Charts saved from the SQL page.',
      defaultDateRange: 'all',
      datasets: [],
      widgets: [],
    } as unknown as Dashboard);
  const datasetName = freeName(new Set(base.datasets.map((d) => d.name)), 'sql_chart', '_');
  const widgetId = freeName(new Set(base.widgets.map((w) => w.id)), 'sql_chart', '_');
  const y = base.widgets.reduce((bottom, w) => Math.max(bottom, w.layout.y + w.layout.h), 0);
  const counter = input.widget.type === 'counter';
  const widget = {
    ...input.widget,
    id: widgetId,
    title: input.title,
    dataset: datasetName,
    layout: { x: 0, y, w: counter ? 2 : GRID_COLUMNS, h: counter ? 2 : 6 },
  } as Widget;
  const candidate = {
    ...base,
    datasets: [...base.datasets, { name: datasetName, title: input.title, sql: sql.split('\n') }],
    widgets: [...base.widgets, widget],
  };
  const parsed = Dashboard.safeParse(candidate);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `The chart cannot be saved as a widget: ${describeZodError(parsed.error)}`);
  imported.save(parsed.data);
  return { id: IMPORTED_PREFIX + parsed.data.id, title: parsed.data.title, widgetId, created: !existing };
}

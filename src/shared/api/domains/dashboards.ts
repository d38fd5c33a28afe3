import { z } from 'zod';
import { CartesianWidget, CounterWidget, Dashboard, PieWidget, TableWidget } from '../../dashboards/definition';
import { FilterOptions, Filters } from '../../dashboards/filters';
import { method } from '../define';
import { Cell, Column, Table } from './common';
import { QueryResult } from './engine';

/** Where a dashboard comes from: shipped with the app, imported (Lakeview), or inside an opened bundle. */
export const DashboardSource = z.enum(['builtin', 'imported', 'bundle']);

export const DashboardSummary = z.object({
  /** `executive-overview`, `imported:<id>` or `bundle:<session>`. */
  id: z.string(),
  title: z.string(),
  description: z.string(),
  widgetCount: z.number().int(),
  source: DashboardSource,
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const DashboardRef = z.object({ id: z.string().min(1) }).strict();

export const FilterOptionsInput = DashboardRef.extend({
  /** Read the choices from this warehouse profile's silver table instead of local DuckDB. */
  profileId: z.string().min(1).optional(),
}).strict();

export const LoadedDashboard = z.object({
  id: z.string(),
  source: DashboardSource,
  definition: Dashboard,
  /** Read-only dashboards (bundles) hide editing and packaging. */
  readOnly: z.boolean(),
  /** Databricks SQL twins of datasets that use DuckDB-only functions, by dataset name (what runs on a warehouse). */
  databricksSql: z.record(z.string(), z.string()).optional(),
  /** An opened bundle's snapshot: its dates, what it carries and the packager's note. */
  snapshot: z
    .object({
      dateFrom: z.string(),
      dateTo: z.string(),
      created: z.string(),
      content: z.enum(['rows', 'aggregates']),
      note: z.string().nullable(),
    })
    .optional(),
});
export type LoadedDashboard = z.infer<typeof LoadedDashboard>;

export const RunDatasetInput = z
  .object({
    id: z.string().min(1),
    dataset: z.string().min(1),
    filters: Filters,
    /** A warehouse profile id: run the dataset on that Databricks SQL warehouse instead of local DuckDB. */
    profileId: z.string().min(1).optional(),
  })
  .strict();

export const DrillInput = z
  .object({
    id: z.string().min(1),
    widgetId: z.string().min(1),
    filters: Filters,
    /** The x/category value of the clicked point; absent for a counter. */
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(1000),
    /** Read the rows from this warehouse profile's silver table instead of local DuckDB. */
    profileId: z.string().min(1).optional(),
  })
  .strict();

export const DrillResult = Table.extend({
  columns: z.array(Column),
  rows: z.array(z.array(Cell)),
  offset: z.number(),
  total: z.number().nullable(),
  /** The condition that selected these rows, in words. */
  description: z.string(),
  /** The statement with its parameters written in, for the SQL editor (Databricks SQL when read on a warehouse). */
  sql: z.string(),
});
export type DrillResult = z.infer<typeof DrillResult>;

export const LakeviewImportInput = z
  .object({
    fileName: z.string().min(1),
    content: z.string().min(2).max(20_000_000),
    /** When a dashboard with the same id was already imported: overwrite it, or import as a copy. Absent: refused (CONFLICT). */
    onExisting: z.enum(['replace', 'copy']).optional(),
  })
  .strict();
export const LakeviewImportResult = z.object({
  id: z.string(),
  title: z.string(),
  widgetCount: z.number(),
  unsupported: z.array(z.string()),
  /** True when an existing imported dashboard was overwritten (onExisting: 'replace'). */
  replaced: z.boolean(),
});
export type LakeviewImportResult = z.infer<typeof LakeviewImportResult>;
export const LakeviewExportResult = z.object({ fileName: z.string(), content: z.string() });
/** Catalog and schema the exported datasets read on Databricks (Unity Catalog names). */
const UcName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,254}$/, 'Use letters, digits, underscores and dashes.');
export const LakeviewExportInput = DashboardRef.extend({ catalog: UcName.optional(), schema: UcName.optional() }).strict();

/** A widget's drawing part (type and encodings); core adds its id, dataset and place in the grid. */
export const NewWidget = z.discriminatedUnion('type', [
  CartesianWidget.pick({ type: true, encodings: true }),
  PieWidget.pick({ type: true, encodings: true }),
  TableWidget.pick({ type: true, encodings: true }),
  CounterWidget.pick({ type: true, encodings: true }),
]);
export type NewWidget = z.infer<typeof NewWidget>;

export const AddWidgetInput = z
  .object({
    /** An imported/user dashboard (`imported:<id>`); omit it and give `newDashboardTitle` to create one. */
    dashboardId: z.string().min(1).optional(),
    newDashboardTitle: z.string().trim().min(1).max(120).optional(),
    title: z.string().trim().min(1).max(200),
    /** One SELECT on the local database; it may use the dashboard filter parameters ($date_from, …). */
    sql: z.string().trim().min(1).max(100_000),
    widget: NewWidget,
  })
  .strict();
export type AddWidgetInput = z.infer<typeof AddWidgetInput>;
export const AddWidgetResult = z.object({ id: z.string(), title: z.string(), widgetId: z.string(), created: z.boolean() });

export const dashboardsMethods = {
  'dashboards.list': method(z.object({}).strict(), z.array(DashboardSummary), 'Lists the built-in, imported and opened-bundle dashboards.'),
  'dashboards.get': method(DashboardRef, LoadedDashboard, 'Returns a dashboard definition: datasets, widgets and layout.'),
  'dashboards.filterOptions': method(
    FilterOptionsInput,
    FilterOptions,
    'The dates and dimension values the dashboard can be filtered by, locally or on a warehouse profile.',
  ),
  'dashboards.run': method(
    RunDatasetInput,
    QueryResult,
    'Runs one dataset of a dashboard with the global filters as named parameters, locally or on a warehouse profile.',
  ),
  'dashboards.drill': method(
    DrillInput,
    DrillResult,
    'One page of the silver rows behind a counter or a chart point, under the same filters.',
  ),
  'dashboards.importLakeview': method(
    LakeviewImportInput,
    LakeviewImportResult,
    'Imports a Databricks AI/BI (Lakeview) .lvdash.json file as a local dashboard.',
  ),
  'dashboards.exportLakeview': method(
    LakeviewExportInput,
    LakeviewExportResult,
    'Exports a dashboard as a Databricks AI/BI (Lakeview) .lvdash.json document.',
  ),
  'dashboards.addWidget': method(
    AddWidgetInput,
    AddWidgetResult,
    'Adds a chart (its SQL as a dataset and a widget) to a new or an existing user dashboard.',
  ),
} as const;

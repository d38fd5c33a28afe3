import { z } from 'zod';

/** The dashboard file format this build reads and writes. */
export const DASHBOARD_FORMAT_VERSION = 1;

/** The grid is six columns wide, like Databricks AI/BI (Lakeview), so layouts map one to one. */
export const GRID_COLUMNS = 6;

/** Named SQL parameters every dataset may use; the renderer's global filters fill them. */
export const FILTER_PARAMS = ['date_from', 'date_to', 'prev_from', 'prev_to', 'card_network', 'merchant_segment', 'country'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** Dimensions a click on a chart can filter the whole dashboard by. */
export const CrossFilterDimension = z.enum(['card_network', 'merchant_segment', 'country', 'date']);
export type CrossFilterDimension = z.infer<typeof CrossFilterDimension>;

/** Silver columns a chart point can be drilled into; `hour` and `minute` are truncations of event_timestamp. */
export const DrillColumn = z.enum([
  'event_date',
  'hour',
  'minute',
  'event_hour',
  'day_of_week',
  'card_network',
  'card_type',
  'merchant_segment',
  'merchant_country',
  'issuer_country',
  'merchant_name',
  'channel',
  'payment_solution',
  'processor',
  'decline_reason',
  'response_code',
  'risk_tier',
  'rule_risk_level',
  'three_ds_outcome',
  'amount_bucket',
  'retry_attempt',
  'currency',
]);
export type DrillColumn = z.infer<typeof DrillColumn>;

export const ValueFormat = z.enum(['integer', 'number', 'percent', 'currency', 'ms', 'score', 'pp', 'text', 'date']);
export type ValueFormat = z.infer<typeof ValueFormat>;

const Name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Use letters, digits and underscores.');

export const Field = z.object({ field: Name, label: z.string().optional(), format: ValueFormat.optional() }).strict();
export type Field = z.infer<typeof Field>;

export const Layout = z
  .object({
    x: z
      .number()
      .int()
      .min(0)
      .max(GRID_COLUMNS - 1),
    y: z.number().int().min(0),
    w: z.number().int().min(1).max(GRID_COLUMNS),
    h: z.number().int().min(1).max(24),
  })
  .strict()
  .refine((l) => l.x + l.w <= GRID_COLUMNS, 'A widget must fit in the six-column grid.');
export type Layout = z.infer<typeof Layout>;

/** From a point (or a counter) to the silver rows behind it. */
export const Drill = z
  .object({
    /** The silver column the chart's x/category value stands for. */
    column: DrillColumn.optional(),
    /** A fixed extra condition on silver (e.g. `NOT is_approved` for decline charts). */
    where: z.string().optional(),
  })
  .strict();
export type Drill = z.infer<typeof Drill>;

const base = {
  id: Name,
  title: z.string().min(1),
  description: z.string().optional(),
  dataset: Name,
  layout: Layout,
  crossFilter: CrossFilterDimension.optional(),
  drill: Drill.optional(),
  /** The page the widget sits on (dashboards with `pages`); `layout.y` counts from that page's top. */
  page: Name.optional(),
};

export const CounterWidget = z
  .object({
    ...base,
    type: z.literal('counter'),
    encodings: z.object({ value: Field, previous: Name.optional(), higherIsBetter: z.boolean().optional() }).strict(),
  })
  .strict();

export const CartesianWidget = z
  .object({
    ...base,
    type: z.enum(['line', 'bar', 'area', 'scatter']),
    encodings: z
      .object({ x: Field, y: z.array(Field).min(1).max(6), stacked: z.boolean().optional(), horizontal: z.boolean().optional() })
      .strict(),
  })
  .strict();

export const PieWidget = z
  .object({ ...base, type: z.literal('pie'), encodings: z.object({ category: Field, value: Field }).strict() })
  .strict();

export const TableWidget = z
  .object({ ...base, type: z.literal('table'), encodings: z.object({ columns: z.array(Field).min(1) }).strict() })
  .strict();

/** A widget this app cannot draw (an unknown type in a file, or a Lakeview type we do not support). */
export const UnsupportedWidget = z
  .object({
    id: Name,
    title: z.string(),
    type: z.literal('unsupported'),
    originalType: z.string(),
    reason: z.string(),
    dataset: Name.optional(),
    layout: Layout,
    page: Name.optional(),
    /** A text box's content (Lakeview `textbox_spec` / `multilineTextboxSpec`), shown as plain text. */
    text: z.string().optional(),
  })
  .strict();

export const Widget = z.discriminatedUnion('type', [CounterWidget, CartesianWidget, PieWidget, TableWidget, UnsupportedWidget]);
export type Widget = z.infer<typeof Widget>;
export type CounterWidget = z.infer<typeof CounterWidget>;
export type CartesianWidget = z.infer<typeof CartesianWidget>;
export type PieWidget = z.infer<typeof PieWidget>;
export type TableWidget = z.infer<typeof TableWidget>;
export type UnsupportedWidget = z.infer<typeof UnsupportedWidget>;
export type DrawableWidget = Exclude<Widget, UnsupportedWidget>;

export const Dataset = z
  .object({
    name: Name,
    title: z.string().optional(),
    /** One SELECT over silver and the gold views, as lines (the Lakeview `queryLines` shape). */
    sql: z.array(z.string()).min(1),
    /** Where the dataset's unqualified names resolve on Databricks (Lakeview `catalog` / `schema`). */
    catalog: z.string().optional(),
    schema: z.string().optional(),
    /** Catalogs the SQL names that a local database does not have: it runs only on a warehouse. */
    warehouseCatalogs: z.array(z.string()).optional(),
    /** What an import could not carry over exactly (an unknown parameter type …), shown with its widgets. */
    notes: z.array(z.string()).optional(),
  })
  .strict();
export type Dataset = z.infer<typeof Dataset>;

export const DateRangePreset = z.enum(['last_1_day', 'last_7_days', 'last_30_days', 'last_90_days', 'all']);
export type DateRangePreset = z.infer<typeof DateRangePreset>;

/** A page of a multi-page dashboard (Lakeview canvas pages). */
export const DashboardPage = z.object({ name: Name, title: z.string().min(1) }).strict();
export type DashboardPage = z.infer<typeof DashboardPage>;

export const ParameterType = z.enum(['STRING', 'DATE', 'DATETIME', 'INTEGER', 'DECIMAL', 'BOOLEAN']);
export type ParameterType = z.infer<typeof ParameterType>;

/**
 * A named SQL parameter of the dashboard's own (Lakeview dataset parameters), shown as a filter.
 * A range binds `$<keyword>_min` and `$<keyword>_max`. Defaults may be relative dates (`now-7d/d`),
 * resolved against the newest data date, like the date presets.
 */
export const DashboardParameter = z
  .object({
    keyword: Name,
    title: z.string().min(1),
    type: ParameterType,
    range: z.boolean().optional(),
    default: z.string().nullable(),
    defaultMax: z.string().nullable().optional(),
  })
  .strict();
export type DashboardParameter = z.infer<typeof DashboardParameter>;

export const Dashboard = z
  .object({
    formatVersion: z.literal(DASHBOARD_FORMAT_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lower-case letters, digits and dashes.'),
    title: z.string().min(1),
    description: z.string(),
    defaultDateRange: DateRangePreset,
    datasets: z.array(Dataset).min(1),
    widgets: z.array(Widget).min(1),
    pages: z.array(DashboardPage).min(1).optional(),
    parameters: z.array(DashboardParameter).optional(),
  })
  .strict();
export type Dashboard = z.infer<typeof Dashboard>;

export function datasetSql(dataset: Dataset): string {
  return dataset.sql.join('\n');
}

import { z } from 'zod';
import { method } from '../define';
import { Catalog } from './engine';
import { Cell, Column, SqlParams } from './common';

/** A place SQL can run: the local DuckDB database, or (feat/warehouse) a Databricks profile. */
export const SqlTarget = z.object({ id: z.string(), label: z.string(), kind: z.enum(['duckdb', 'databricks']) });
export type SqlTarget = z.infer<typeof SqlTarget>;

export const LOCAL_TARGET_ID = 'local';

/** The SQL page's target id of a warehouse profile (other pages hand SQL over with it). */
export const warehouseSqlTargetId = (profileId: string) => `warehouse:${profileId}`;

const TargetId = z.string().min(1).default(LOCAL_TARGET_ID);
const ResultId = z.string().min(1);
export const SortKey = z.object({ column: z.string(), desc: z.boolean() });
export type SortKey = z.infer<typeof SortKey>;

export const ExecuteInput = z
  .object({
    target: TargetId,
    sql: z.string().min(1, 'Enter a SQL statement.'),
    params: SqlParams.optional(),
    pageSize: z.number().int().positive().max(10_000).default(200),
  })
  .strict();

/** A statement's outcome: rows come back one page at a time through sqlwb.page. */
export const ExecuteResult = z.object({
  resultId: z.string().nullable(),
  statementType: z.string(),
  columns: z.array(Column),
  rows: z.array(z.array(Cell)),
  /** Rows in the whole result when known without more work (small results), else null. */
  total: z.number().nullable(),
  hasMore: z.boolean(),
  elapsedMs: z.number(),
});
export type ExecuteResult = z.infer<typeof ExecuteResult>;

export const SqlwbPageInput = z
  .object({
    resultId: ResultId,
    offset: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(10_000),
    sort: z.array(SortKey).max(8).optional(),
  })
  .strict();
export const SqlwbPageOutput = z.object({ offset: z.number(), rows: z.array(z.array(Cell)), elapsedMs: z.number() });

export const ColumnSummary = z.object({
  column: z.string(),
  type: z.string(),
  total: z.number(),
  nulls: z.number(),
  distinct: z.number(),
  min: Cell,
  max: Cell,
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })).nullable(),
});
export type ColumnSummary = z.infer<typeof ColumnSummary>;

export const ProfileInput = z
  .object({ target: TargetId, schema: z.string().min(1), relation: z.string().min(1), column: z.string().min(1) })
  .strict();

/** A column of a table or view, profiled where it lives (the schema browser's column profile). */
export const ColumnProfile = z.object({
  schema: z.string(),
  relation: z.string(),
  column: z.string(),
  type: z.string(),
  /** numeric and time columns get a histogram (times in epoch seconds), category columns their top values. */
  kind: z.enum(['numeric', 'time', 'category', 'other']),
  total: z.number(),
  nulls: z.number(),
  distinct: z.number(),
  min: Cell,
  max: Cell,
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })).nullable(),
  topValues: z.array(z.object({ value: z.string().nullable(), count: z.number() })).nullable(),
  elapsedMs: z.number(),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

/** One operator of a query plan, with its timing when the plan was analysed. */
export interface PlanNode {
  name: string;
  details: Record<string, string>;
  timingMs: number | null;
  rows: number | null;
  children: PlanNode[];
}
export const PlanNode: z.ZodType<PlanNode> = z.lazy(() =>
  z.object({
    name: z.string(),
    details: z.record(z.string(), z.string()),
    timingMs: z.number().nullable(),
    rows: z.number().nullable(),
    children: z.array(PlanNode),
  }),
);
export const ExplainOutput = z.object({ analyzed: z.boolean(), totalMs: z.number().nullable(), plan: PlanNode });
export type ExplainOutput = z.infer<typeof ExplainOutput>;

export const ExportFormat = z.enum(['csv', 'parquet', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ExportInput = z
  .object({
    resultId: ResultId,
    format: ExportFormat,
    /** Chosen by the caller so it can follow sqlwb.export.progressed before the call returns. */
    exportId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
    /** Write here (CLI, desktop save dialog); without it the file waits as a download. */
    path: z.string().min(1).optional(),
    /** Desktop: ask through the host's save dialog, or (no dialog) write into Downloads under a free name. */
    toDownloads: z.boolean().optional(),
    sort: z.array(SortKey).max(8).optional(),
  })
  .strict();
export const ExportOutput = z.object({
  exportId: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  rows: z.number(),
  /** Relative URL (needs the access token) when the file waits as a download. */
  downloadPath: z.string().nullable(),
  path: z.string().nullable(),
  /** The user closed the desktop save dialog: nothing was written. */
  cancelled: z.boolean(),
});
export type ExportOutput = z.infer<typeof ExportOutput>;

export const UploadInput = z
  .object({
    uploadId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
    fileName: z.string().min(1).max(255),
    /** A base64 slice of the file, appended in order. */
    chunk: z.string(),
    index: z.number().int().nonnegative(),
  })
  .strict();
export const ImportFormat = z.enum(['csv', 'parquet', 'json']);
export const ImportPreview = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  format: ImportFormat,
  suggestedName: z.string(),
  columns: z.array(Column),
  rows: z.array(z.array(Cell)),
  bytes: z.number(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
export const ImportLoadInput = z
  .object({
    uploadId: z.string().min(1),
    table: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'Use letters, digits and _ for the table name, starting with a letter.'),
  })
  .strict();

export const SqlTab = z.object({ id: z.string(), title: z.string().max(200), sql: z.string().max(1_000_000), target: z.string() });
export type SqlTab = z.infer<typeof SqlTab>;
export const Workspace = z.object({ tabs: z.array(SqlTab).max(100), activeTabId: z.string().nullable() });
export type Workspace = z.infer<typeof Workspace>;

export const HistoryEntry = z.object({
  id: z.string(),
  target: z.string(),
  sql: z.string(),
  ranAt: z.string(),
  durationMs: z.number(),
  rowCount: z.number().nullable(),
  error: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const SavedQuery = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  sql: z.string(),
  target: z.string(),
  savedAt: z.string(),
});
export type SavedQuery = z.infer<typeof SavedQuery>;

export const FunctionInfo = z.object({ name: z.string(), kind: z.string(), signature: z.string(), description: z.string() });
export type FunctionInfo = z.infer<typeof FunctionInfo>;

const Empty = z.object({}).strict();

export const sqlwbMethods = {
  'sqlwb.targets': method(Empty, z.array(SqlTarget), 'Lists the places SQL can run (local DuckDB, connected warehouses).'),
  'sqlwb.catalog': method(
    z.object({ target: TargetId }).strict(),
    Catalog,
    "A target's schemas, tables, views and columns for autocomplete.",
  ),
  'sqlwb.functions': method(z.object({ target: TargetId }).strict(), z.array(FunctionInfo), "A target's SQL functions for autocomplete."),
  'sqlwb.execute': method(ExecuteInput, ExecuteResult, 'Runs one statement; returns its first page and a result id for paging.'),
  'sqlwb.count': method(z.object({ resultId: ResultId }).strict(), z.object({ total: z.number() }), 'Counts the rows of a result.'),
  'sqlwb.page': method(SqlwbPageInput, SqlwbPageOutput, 'Reads one page of a result, optionally sorted.'),
  'sqlwb.summary': method(
    z.object({ resultId: ResultId, column: z.string() }).strict(),
    ColumnSummary,
    'Nulls, distinct values, min/max and a histogram of one result column.',
  ),
  'sqlwb.profile': method(
    ProfileInput,
    ColumnProfile,
    'Profiles a column of a table or view: nulls, distinct, min/max, a histogram or its top values.',
  ),
  'sqlwb.explain': method(
    z.object({ target: TargetId, sql: z.string().min(1), params: SqlParams.optional(), analyze: z.boolean() }).strict(),
    ExplainOutput,
    'The plan of a statement as a tree; with analyze, runs it and adds timings.',
  ),
  'sqlwb.export': method(ExportInput, ExportOutput, 'Writes a whole result to CSV, Parquet or JSON with DuckDB COPY.'),
  'sqlwb.uploadChunk': method(UploadInput, z.object({ bytes: z.number() }), 'Receives a dropped file in slices for import.'),
  'sqlwb.importPreview': method(
    z.object({ uploadId: z.string().min(1) }).strict(),
    ImportPreview,
    'Reads the first rows of an uploaded CSV, Parquet or JSON file.',
  ),
  'sqlwb.importLoad': method(ImportLoadInput, z.object({ table: z.string(), rows: z.number() }), 'Creates a table from an uploaded file.'),
  'sqlwb.getWorkspace': method(Empty, Workspace, 'The open editor tabs, as last saved.'),
  'sqlwb.saveWorkspace': method(Workspace.strict(), z.object({ saved: z.boolean() }), 'Saves the open editor tabs.'),
  'sqlwb.history': method(
    z
      .object({
        target: z.string().optional(),
        search: z.string().max(500).optional(),
        limit: z.number().int().positive().max(1000).default(200),
      })
      .strict(),
    z.array(HistoryEntry),
    'Statements run before, newest first, per target and searchable.',
  ),
  'sqlwb.savedQueries': method(Empty, z.array(SavedQuery), 'The saved queries.'),
  'sqlwb.saveQuery': method(
    z.object({ name: z.string().trim().min(1, 'Give the query a name.').max(200), sql: z.string().min(1), target: TargetId }).strict(),
    SavedQuery,
    'Saves a query under a name (replacing one with the same name).',
  ),
  'sqlwb.deleteQuery': method(z.object({ id: z.string().min(1) }).strict(), z.object({ deleted: z.boolean() }), 'Deletes a saved query.'),
} as const;

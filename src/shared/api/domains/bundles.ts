import { z } from 'zod';
import { FilterOptions, Filters } from '../../dashboards/filters';
import { method } from '../define';

export const BundleContent = z.enum(['rows', 'aggregates']);

/** What an opened (or verified) bundle says about itself. */
export const BundleInfo = z.object({
  /** Session id of an opened bundle; its dashboard is `bundle:<bundleId>`. */
  bundleId: z.string(),
  dashboardId: z.string(),
  title: z.string(),
  created: z.string(),
  source: z.object({ database: z.string(), appVersion: z.string(), newestEvent: z.string().nullable() }),
  filters: z.object({ options: FilterOptions, initial: Filters }),
  formatVersion: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  /** `rows`: silver rows, so filters and drill-downs work; `aggregates`: each widget's numbers under the packaged filters. */
  content: BundleContent,
  /** What the person who packaged it wrote for the reader. */
  note: z.string().nullable(),
});
export type BundleInfo = z.infer<typeof BundleInfo>;

export const BundleCreateInput = z
  .object({
    dashboardId: z.string().min(1),
    /** The date range to snapshot (plus the period before it, for comparisons); default: the dashboard's default. */
    filters: Filters.optional(),
    /** Where to write; default: the bundles folder in the user-data folder. */
    outPath: z.string().min(1).optional(),
    /** `rows` (default) or `aggregates` (no transaction rows: smaller, filters fixed as packaged). */
    content: BundleContent.optional(),
    /** A note shown to whoever opens the bundle. */
    note: z.string().max(2000).optional(),
  })
  .strict();
export const BundleCreateResult = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  title: z.string(),
  elapsedMs: z.number(),
});

export const BundleVerifyResult = z.object({ ok: z.literal(true), info: BundleInfo.omit({ bundleId: true }) });

export const bundlesMethods = {
  'bundles.create': method(
    BundleCreateInput,
    BundleCreateResult,
    'Packages a dashboard with a snapshot of exactly the data it needs into one checksummed file.',
  ),
  'bundles.verify': method(
    z.object({ path: z.string().min(1) }).strict(),
    BundleVerifyResult,
    'Checks a bundle file (format, length, checksum, manifest, SQL) without opening it.',
  ),
  'bundles.open': method(
    z.object({ path: z.string().min(1) }).strict(),
    BundleInfo,
    'Opens a bundle file read-only in its own sandboxed DuckDB instance.',
  ),
  'bundles.upload': method(
    z
      .object({
        uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        index: z.number().int().nonnegative(),
        total: z.number().int().positive().max(4096),
        base64: z.string(),
      })
      .strict(),
    z.object({ received: z.number().int() }),
    'Receives one chunk of a bundle chosen in a browser (file picker or drag and drop).',
  ),
  'bundles.openUpload': method(
    z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), fileName: z.string().min(1) }).strict(),
    BundleInfo,
    'Opens a bundle whose chunks were uploaded.',
  ),
  'bundles.read': method(
    z
      .object({
        path: z.string().min(1),
        offset: z.number().int().nonnegative(),
        length: z
          .number()
          .int()
          .positive()
          .max(8 * 1024 * 1024),
      })
      .strict(),
    z.object({ base64: z.string(), size: z.number().int(), done: z.boolean() }),
    'Reads one chunk of a bundle this app created, so a browser can download it.',
  ),
  'bundles.list': method(z.object({}).strict(), z.array(BundleInfo), 'Lists the bundles open in this session.'),
  'bundles.close': method(
    z.object({ bundleId: z.string().min(1) }).strict(),
    z.object({ closed: z.boolean() }),
    'Closes an opened bundle and frees its database.',
  ),
} as const;

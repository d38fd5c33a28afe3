import { z } from 'zod';
import { FilterOptions, Filters } from '../../shared/dashboards/filters';

/** The newest bundle format this build reads and writes. */
export const BUNDLE_FORMAT_VERSION = 1;

export const BundleTable = z
  .object({
    name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
    /** Byte range of the table's Parquet data inside the payload. */
    offset: z.number().int().nonnegative(),
    length: z.number().int().positive(),
    rows: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Column types as in the source (ENUMs keep their order); checked against a strict grammar before use. */
    columns: z.array(z.object({ name: z.string().min(1).max(128), type: z.string().max(20_000) }).strict()).min(1),
  })
  .strict();
export type BundleTable = z.infer<typeof BundleTable>;

/** `rows`: silver rows (filters and drill-downs work); `aggregates`: each dataset's result under the packaged filters. */
export const BundleContent = z.enum(['rows', 'aggregates']);
export type BundleContent = z.infer<typeof BundleContent>;

/** The longest note a bundle carries. */
export const MAX_NOTE_LENGTH = 2000;

/** Everything in a bundle but the data: the dashboard, where it came from and what it can filter by. */
export const BundleManifest = z
  .object({
    formatVersion: z.number().int().positive(),
    title: z.string(),
    created: z.string(),
    source: z.object({ database: z.string(), appVersion: z.string(), newestEvent: z.string().nullable() }).strict(),
    filters: z.object({ options: FilterOptions, initial: Filters }).strict(),
    /** The dashboard definition; parsed with the dashboard parser when opened. */
    dashboard: z.unknown(),
    tables: z.array(BundleTable).min(1),
    /** Absent in bundles made before the choice existed: they carry rows. */
    content: BundleContent.optional(),
    note: z.string().max(MAX_NOTE_LENGTH).optional(),
  })
  .strict();
export type BundleManifest = z.infer<typeof BundleManifest>;

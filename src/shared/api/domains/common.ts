import { z } from 'zod';

/** A result column: its name and DuckDB (or Databricks) type as text. */
export const Column = z.object({ name: z.string(), type: z.string() });
export type Column = z.infer<typeof Column>;

/** JSON-safe cell values: numbers where exact, strings for big integers, dates and timestamps. */
export const Cell = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);
export type Cell = z.infer<typeof Cell>;

/** A tabular result as every transport and the CLI's `--format json` carry it. */
export const Table = z.object({
  columns: z.array(Column),
  rows: z.array(z.array(Cell)),
});
export type Table = z.infer<typeof Table>;

export const SqlParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type SqlParams = z.infer<typeof SqlParams>;

import { z } from 'zod';
import { method } from '../define';
import { Column, SqlParams, Table } from './common';

export const QueryInput = z
  .object({
    sql: z.string().min(1, 'Enter a SQL statement.'),
    params: SqlParams.optional(),
    maxRows: z.number().int().positive().max(1_000_000).optional(),
    timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  })
  .strict();

export const QueryResult = Table.extend({
  truncated: z.boolean(),
  rowCount: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type QueryResult = z.infer<typeof QueryResult>;

export const CatalogColumn = Column.extend({ nullable: z.boolean() });
export const CatalogRelation = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['table', 'view']),
  columns: z.array(CatalogColumn),
  rowCount: z.number().nullable(),
});
export type CatalogRelation = z.infer<typeof CatalogRelation>;
export const Catalog = z.object({ database: z.string(), schemas: z.array(z.string()), relations: z.array(CatalogRelation) });
export type Catalog = z.infer<typeof Catalog>;

export const PageInput = z
  .object({
    sql: z.string().min(1),
    params: SqlParams.optional(),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(10_000),
    withTotal: z.boolean().optional(),
  })
  .strict();
export const PageResult = Table.extend({ offset: z.number(), total: z.number().nullable(), elapsedMs: z.number() });

export const engineMethods = {
  'engine.query': method(QueryInput, QueryResult, 'Runs one statement on the local database; the result is capped at maxRows.'),
  'engine.page': method(PageInput, PageResult, 'Reads one page of a SELECT result without holding the rest.'),
  'engine.catalog': method(z.object({}).strict(), Catalog, 'Lists schemas, tables and views with their columns.'),
} as const;

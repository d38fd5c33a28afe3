import type { SparkExecutor, SparkResult } from '../spark-executor';

/** The JDBC-shaped metadata calls the Spark engine answers from its own catalog. */
export type MetadataKind = 'catalogs' | 'schemas' | 'tables' | 'columns';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** GetCatalogs/GetSchemas/GetTables/GetColumns on Spark, with the request's JDBC patterns. */
export function sparkMetadata(
  spark: SparkExecutor,
  session: string,
  kind: MetadataKind,
  req: Record<string, unknown>,
): Promise<SparkResult> {
  return spark.meta(session, kind, {
    catalog: str(req.catalogName),
    schema: str(req.schemaName),
    table: str(req.tableName),
    column: str(req.columnName),
    tableTypes: Array.isArray(req.tableTypes) ? (req.tableTypes as string[]) : undefined,
  });
}

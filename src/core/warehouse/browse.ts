import type IDBSQLSession from '@databricks/sql/dist/contracts/IDBSQLSession';
import type IOperation from '@databricks/sql/dist/contracts/IOperation';
import type { BrowseItem, Catalog, CatalogRelation } from '../../shared/api';

type Row = Record<string, unknown>;

async function drain(op: IOperation): Promise<Row[]> {
  try {
    const rows: Row[] = [];
    do {
      rows.push(...((await op.fetchChunk({ maxRows: 10_000 })) as Row[]));
    } while (await op.hasMoreRows());
    return rows;
  } finally {
    await op.close().catch(() => undefined);
  }
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * One level of the catalog tree through the driver's metadata operations (GetCatalogs,
 * GetSchemas, GetTables, GetColumns), so the browser loads only what the user opens.
 */
export async function browseLevel(
  session: IDBSQLSession,
  at: { catalog?: string; schema?: string; table?: string },
): Promise<BrowseItem[]> {
  if (!at.catalog) {
    const rows = await drain(await session.getCatalogs());
    return rows.map((r) => ({ name: String(r.TABLE_CAT), kind: 'catalog', type: null, comment: null }));
  }
  if (!at.schema) {
    const rows = await drain(await session.getSchemas({ catalogName: at.catalog }));
    return rows.map((r) => ({ name: String(r.TABLE_SCHEM), kind: 'schema', type: null, comment: null }));
  }
  if (!at.table) {
    const rows = await drain(await session.getTables({ catalogName: at.catalog, schemaName: at.schema }));
    return rows.map((r) => ({
      name: String(r.TABLE_NAME),
      kind: String(r.TABLE_TYPE).toUpperCase().includes('VIEW') ? 'view' : 'table',
      type: text(r.TABLE_TYPE),
      comment: text(r.REMARKS),
    }));
  }
  const rows = await drain(await session.getColumns({ catalogName: at.catalog, schemaName: at.schema, tableName: at.table }));
  return rows.map((r) => ({ name: String(r.COLUMN_NAME), kind: 'column', type: text(r.TYPE_NAME), comment: text(r.REMARKS) }));
}

/**
 * The session's current catalog and schema in engine.catalog's shape, so the SQL editor's
 * autocomplete works the same against either target. Two metadata calls, however many tables.
 */
export async function readRemoteCatalog(session: IDBSQLSession, catalog: string, schema: string): Promise<Catalog> {
  const tables = await drain(await session.getTables({ catalogName: catalog, schemaName: schema }));
  const columns = await drain(await session.getColumns({ catalogName: catalog, schemaName: schema }));
  const relations = new Map<string, CatalogRelation>();
  for (const t of tables) {
    const name = String(t.TABLE_NAME);
    relations.set(name, {
      schema,
      name,
      kind: String(t.TABLE_TYPE).toUpperCase().includes('VIEW') ? 'view' : 'table',
      columns: [],
      rowCount: null,
    });
  }
  for (const c of columns) {
    const rel = relations.get(String(c.TABLE_NAME));
    rel?.columns.push({ name: String(c.COLUMN_NAME), type: String(c.TYPE_NAME ?? ''), nullable: c.NULLABLE !== 0 });
  }
  return { database: catalog, schemas: [schema], relations: [...relations.values()] };
}

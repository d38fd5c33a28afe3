import type { Catalog, CatalogRelation } from '../../shared/api';
import catalogSql from './catalog.sql?raw';
import type { Engine } from './engine';

type CatalogRow = [string, string, 'table' | 'view', string, string, boolean, number | null];

/** Reads the open database's schemas, tables and views with their columns. */
export async function readCatalog(engine: Engine): Promise<Catalog> {
  const result = await engine.query(catalogSql, { maxRows: 1_000_000 });
  const relations = new Map<string, CatalogRelation>();
  for (const row of result.rows as CatalogRow[]) {
    const [schema, name, kind, column, type, nullable, size] = row;
    const key = `${schema}.${name}`;
    let rel = relations.get(key);
    if (!rel) {
      rel = { schema, name, kind, columns: [], rowCount: kind === 'table' ? (size ?? null) : null };
      relations.set(key, rel);
    }
    rel.columns.push({ name: column, type, nullable });
  }
  const schemas = [...new Set([...relations.values()].map((r) => r.schema))];
  return { database: engine.databaseName, schemas, relations: [...relations.values()] };
}

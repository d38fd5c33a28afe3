import { BIGINT, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/**
 * Runs trusted pipeline SQL with the named parameters it mentions (DuckDB refuses extra
 * ones), binding JS bigints as BIGINT (it would otherwise infer HUGEINT and cast every row).
 */
export async function runWith(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue>,
  explicitTypes: Record<string, DuckDBType> = {},
): Promise<void> {
  const { values, types } = bindFor(sql, params, explicitTypes);
  await conn.run(sql, values, types);
}

export async function readWith(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue>,
): Promise<Record<string, DuckDBValue>[]> {
  const { values, types } = bindFor(sql, params);
  return (await conn.runAndReadAll(sql, values, types)).getRowObjects();
}

function bindFor(sql: string, params: Record<string, DuckDBValue>, explicitTypes: Record<string, DuckDBType> = {}) {
  const used = new Set(Array.from(sql.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/gu), (m) => m[1]!));
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType | undefined> = {};
  for (const [name, value] of Object.entries(params)) {
    if (!used.has(name)) continue;
    values[name] = value;
    if (explicitTypes[name]) types[name] = explicitTypes[name];
    else if (typeof value === 'bigint') types[name] = BIGINT;
  }
  return { values, types };
}

import { StatementType } from '@duckdb/node-api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';

/*
 * The check a bundle's SQL passes before it runs, on top of the locked-down instance: exactly
 * one statement, a SELECT (by DuckDB's own parser), that reads only the bundle's tables and
 * CTEs and calls no table function. The lead folds this into src/core/security/untrusted-sql.ts.
 */

const FILE_READERS = /^(read_|parquet_|glob$|sniff_csv$|iceberg_|delta_scan$|json_|csv_)/i;

function blocked(why: string): never {
  throw new AppError('FORBIDDEN', `Blocked: this bundle's SQL ${why}. Bundles may only read their own tables.`);
}

function describeType(type: StatementType): string {
  switch (type) {
    case StatementType.COPY:
    case StatementType.EXPORT:
      return 'writes files (COPY/EXPORT)';
    case StatementType.INSERT:
    case StatementType.UPDATE:
    case StatementType.DELETE:
    case StatementType.CREATE:
    case StatementType.DROP:
    case StatementType.ALTER:
    case StatementType.CREATE_FUNC:
      return 'tries to write or change the database';
    case StatementType.ATTACH:
    case StatementType.DETACH:
      return 'tries to attach a database';
    case StatementType.LOAD:
      return 'tries to install or load an extension';
    case StatementType.SET:
    case StatementType.VARIABLE_SET:
    case StatementType.PRAGMA:
      return 'tries to change settings';
    default:
      return `is a ${StatementType[type] ?? 'non-SELECT'} statement, not a SELECT`;
  }
}

/** Throws FORBIDDEN with the reason when `sql` is anything but one SELECT over `tables`. */
export async function gateBundleSql(engine: Engine, sql: string, tables: readonly string[]): Promise<void> {
  await engine.withConnection(sql, { timeoutMs: 10_000 }, async (conn) => {
    let count: number;
    let extracted;
    try {
      extracted = await conn.extractStatements(sql);
      count = extracted.count;
    } catch (error) {
      throw new AppError('SQL_ERROR', `The bundle's SQL does not parse: ${(error as Error).message}`);
    }
    if (count !== 1) blocked(`contains ${count} statements; exactly one SELECT is allowed`);
    const reader = await conn.runAndReadAll('SELECT json_serialize_sql($q::VARCHAR)', { q: sql });
    // The parser-only check first: it names file readers before the locked engine refuses them.
    const ast = JSON.parse(String(reader.getRowsJson()[0]?.[0])) as { error?: boolean };
    if (!ast.error) checkTables(ast, tables);
    let type: StatementType;
    try {
      type = (await extracted.prepare(0)).statementType;
    } catch (error) {
      const message = (error as Error).message;
      if (/permission|external access|disabled/i.test(message)) blocked(`tries to read or write files (${message.split('\n')[0]})`);
      if (/install|extension/i.test(message)) blocked('tries to install or load an extension');
      throw new AppError('SQL_ERROR', message);
    }
    if (type !== StatementType.SELECT) blocked(describeType(type));
  });
}

function checkTables(ast: unknown, tables: readonly string[]): void {
  const allowed = new Set(tables.map((t) => t.toLowerCase()));
  const ctes = new Set<string>();
  walk(ast, (node) => {
    const map = (node as { cte_map?: { map?: { key?: string }[] } }).cte_map?.map ?? [];
    for (const entry of map) if (entry.key) ctes.add(entry.key.toLowerCase());
  });
  walk(ast, (node) => {
    const n = node as Record<string, unknown>;
    if (n.type === 'TABLE_FUNCTION') {
      const fn = (n.function as { function_name?: string } | undefined)?.function_name ?? '?';
      blocked(FILE_READERS.test(fn) ? `tries to read files (${fn})` : `calls the table function ${fn}`);
    }
    if (n.type === 'BASE_TABLE') {
      const name = String(n.table_name ?? '');
      if (n.catalog_name || (n.schema_name && n.schema_name !== 'main'))
        blocked(`reads ${String(n.catalog_name || n.schema_name)}.${name}, outside the bundle`);
      if (/[/\\.:]/.test(name)) blocked(`tries to read a file ('${name}')`);
      if (!allowed.has(name.toLowerCase()) && !ctes.has(name.toLowerCase())) blocked(`reads ${name}, which is not in the bundle`);
    }
  });
}

function walk(node: unknown, visit: (node: object) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  visit(node);
  for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value, visit);
}

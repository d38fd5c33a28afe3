import { DUCKDB_ALLOWED_FUNCTIONS, DUCKDB_ALLOWED_TABLE_FUNCTIONS } from './function-allowlist';

/**
 * The allow-list walk over DuckDB's own parse tree (json_serialize_sql output). It decides
 * what an untrusted SELECT may read and call: tables and views of the user's database, CTEs in
 * scope, a handful of pure table functions, and only the functions of the allowlist
 * (duckdb-functions.json), wherever they appear (subqueries, lambdas, CASE, window specs,
 * struct and list literals). Everything else, a file read (read_csv, '/etc/passwd' replacement
 * scans), SQL given as a string (json_serialize_plan, query), another database, is refused here,
 * before DuckDB binds, so nothing is ever opened.
 */

/** What a statement may call: scalar/aggregate/window/macro names and table functions. */
export interface FunctionPolicy {
  functions: ReadonlySet<string>;
  tableFunctions: ReadonlySet<string>;
}

/** The policy for the open DuckDB database. */
export const DUCKDB_FUNCTION_POLICY: FunctionPolicy = {
  functions: DUCKDB_ALLOWED_FUNCTIONS,
  tableFunctions: DUCKDB_ALLOWED_TABLE_FUNCTIONS,
};

/** Where a built-in function may be named from: unqualified, or DuckDB's own system schemas. */
const BUILTIN_CATALOGS: ReadonlySet<string> = new Set(['', 'system']);
const BUILTIN_SCHEMAS: ReadonlySet<string> = new Set(['', 'main', 'pg_catalog']);

/** Table-reference kinds a plain query uses; anything else (SHOW_REF, COLUMN_DATA …) is refused. */
const ALLOWED_TABLE_REFS: ReadonlySet<string> = new Set([
  'BASE_TABLE',
  'TABLE_FUNCTION',
  'JOIN',
  'SUBQUERY',
  'EMPTY',
  'EXPRESSION_LIST',
  'PIVOT',
]);

export interface RelationCatalog {
  /** The current database's name (a qualified reference must name it or nothing). */
  database: string;
  /** `schema.name` and bare `name`, lower case. */
  has(schema: string, name: string): boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Returns the first reason the tree is not allowed, or undefined when it is. `functions` is the
 * target's allowlist (DuckDB's by default; a warehouse passes its own).
 */
export function findPolicyViolation(
  statement: Json,
  catalog: RelationCatalog,
  functions: FunctionPolicy = DUCKDB_FUNCTION_POLICY,
): string | undefined {
  const violations: string[] = [];
  walk(statement, new Set(), { catalog, functions }, violations);
  return violations[0];
}

interface Policy {
  catalog: RelationCatalog;
  functions: FunctionPolicy;
}

/**
 * What a CTE may be called: letters (any script), digits, underscores, spaces and hyphens. No dot,
 * slash, colon or backslash, so never a file name, path or URL (the names DuckDB reads as files).
 */
const PLAIN_NAME = /^[\p{L}_][\p{L}\p{N}_$ -]*$/u;

function walk(node: Json | undefined, ctes: ReadonlySet<string>, policy: Policy, out: string[]): void {
  if (out.length > 0 || node === null || node === undefined || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, ctes, policy, out);
    return;
  }
  let scope = ctes;
  const cteMap = node.cte_map;
  if (isObject(cteMap) && Array.isArray(cteMap.map) && cteMap.map.length > 0) {
    // Each CTE sees itself (recursive) and the ones before it; the query body sees all.
    const grown = new Set(ctes);
    for (const entry of cteMap.map) {
      if (!isObject(entry)) continue;
      const name = String(entry.key);
      // A CTE named like a path or URL would shadow a file read: it held only because DuckDB's binder prefers the CTE.
      if (!PLAIN_NAME.test(name)) {
        out.push(`The CTE name "${name}" is not allowed: a CTE name is letters, digits, underscores, spaces and hyphens.`);
        return;
      }
      grown.add(name.toLowerCase());
      walk(entry.value, new Set(grown), policy, out);
    }
    scope = grown;
  }
  checkNode(node, scope, policy, out);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'cte_map') continue;
    // A table function's own call was judged by checkNode against the table-function list; its arguments are walked as expressions.
    if (key === 'function' && node.type === 'TABLE_FUNCTION' && isObject(value)) {
      const { function_name: _name, ...call } = value;
      walk(call, scope, policy, out);
      continue;
    }
    walk(value, scope, policy, out);
  }
}

function checkNode(node: JsonObject, ctes: ReadonlySet<string>, { catalog, functions }: Policy, out: string[]): void {
  const type = typeof node.type === 'string' ? node.type : '';
  const isTableRef = 'sample' in node && 'alias' in node && 'query_location' in node && !('class' in node);
  if (isTableRef && type && !ALLOWED_TABLE_REFS.has(type)) {
    out.push(`"${type.toLowerCase().replace(/_/g, ' ')}" is not allowed here; use a plain SELECT.`);
    return;
  }
  if (type === 'BASE_TABLE') {
    const name = String(node.table_name ?? '');
    const schema = String(node.schema_name ?? '').toLowerCase();
    const db = String(node.catalog_name ?? '').toLowerCase();
    const current = catalog.database.toLowerCase();
    if (db && db !== current) {
      out.push(`Only the open database can be read; "${db}" is another database.`);
      return;
    }
    // `x.t` may name a schema or a database: the open database's own name means its main schema.
    const effectiveSchema = schema === current && !catalog.has(schema, name.toLowerCase()) ? 'main' : schema;
    if (!effectiveSchema && ctes.has(name.toLowerCase())) return;
    if (!catalog.has(effectiveSchema, name.toLowerCase())) {
      out.push(
        /[/\\:.]/.test(name)
          ? `Reading files or URLs ("${name}") is not allowed; only the tables and views of the database can be queried.`
          : `There is no table or view called "${name}" in the database.`,
      );
    }
    return;
  }
  if (type === 'TABLE_FUNCTION') {
    const fn = isObject(node.function) ? String(node.function.function_name ?? '').toLowerCase() : '';
    if (!functions.tableFunctions.has(fn)) {
      out.push(
        `The table function ${fn}() is not allowed: it could read files, the network or run other SQL. Only the database's tables and views can be queried.`,
      );
    }
    return;
  }
  if ((node.class === 'FUNCTION' || node.class === 'WINDOW') && 'function_name' in node) {
    const fn = String(node.function_name).toLowerCase();
    const builtin =
      BUILTIN_CATALOGS.has(String(node.catalog ?? '').toLowerCase()) && BUILTIN_SCHEMAS.has(String(node.schema ?? '').toLowerCase());
    if (!builtin || !functions.functions.has(fn)) {
      out.push(`The function ${fn}() is not allowed here: it is not on the list of functions a query may call.`);
    }
  }
}

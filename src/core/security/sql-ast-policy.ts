/**
 * The allow-list walk over DuckDB's own parse tree (json_serialize_sql output). It decides
 * what an untrusted SELECT may read: tables and views of the user's database, CTEs in scope,
 * and a handful of pure table functions. Everything that could reach a file, the network or
 * another database (read_csv, glob, query, '/etc/passwd' replacement scans, other catalogs)
 * is refused here, before DuckDB binds, so nothing is ever opened.
 */

/** Table functions that only compute: no files, no network, no SQL of their own. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(['range', 'generate_series', 'unnest']);

/** Scalar functions with an effect beyond computing a value (run SQL, write logs, profiling, advance a sequence). */
export const DENIED_SCALAR_FUNCTIONS: ReadonlySet<string> = new Set([
  'json_execute_serialized_sql',
  'write_log',
  'enable_profile',
  'disable_profile',
  'current_setting',
  // Advances a sequence of the user's database: a write hidden in a SELECT.
  'nextval',
]);

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
 * Returns the first reason the tree is not allowed, or undefined when it is. `deniedFunctions`
 * adds scalar functions the target side must not run (a warehouse's secret(), http_request() …).
 */
export function findPolicyViolation(
  statement: Json,
  catalog: RelationCatalog,
  deniedFunctions: ReadonlySet<string> = new Set(),
): string | undefined {
  const violations: string[] = [];
  walk(statement, new Set(), { catalog, denied: deniedFunctions }, violations);
  return violations[0];
}

interface Policy {
  catalog: RelationCatalog;
  denied: ReadonlySet<string>;
}

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
      grown.add(String(entry.key).toLowerCase());
      walk(entry.value, new Set(grown), policy, out);
    }
    scope = grown;
  }
  checkNode(node, scope, policy, out);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'cte_map') continue;
    walk(value, scope, policy, out);
  }
}

function checkNode(node: JsonObject, ctes: ReadonlySet<string>, { catalog, denied }: Policy, out: string[]): void {
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
    if (!ALLOWED_TABLE_FUNCTIONS.has(fn)) {
      out.push(
        `The table function ${fn}() is not allowed: it could read files, the network or run other SQL. Only the database's tables and views can be queried.`,
      );
    }
    return;
  }
  if (node.class === 'FUNCTION' && typeof node.function_name === 'string') {
    const fn = node.function_name.toLowerCase();
    if (DENIED_SCALAR_FUNCTIONS.has(fn) || denied.has(fn)) out.push(`The function ${fn}() is not allowed here.`);
  }
}

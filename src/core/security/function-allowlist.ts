import databricks from './databricks-functions.json';
import list from './duckdb-functions.json';

/**
 * The functions untrusted SQL may call, kept as data in duckdb-functions.json: an allowlist, so a
 * function DuckDB adds in a later version is refused until someone reads it and lists it.
 */
const names = (lines: readonly string[]): string[] => lines.flatMap((line) => line.split(' ').filter(Boolean));

/** Scalar, aggregate, window and macro functions (operators such as `+` and `~~` included). */
export const DUCKDB_ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(names(list.allowed));

/** Table functions that only compute rows. */
export const DUCKDB_ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(list.tableFunctions.allowed);

/** Each excluded family with its reason, for refusals and the completeness test. */
export const DUCKDB_EXCLUDED_FAMILIES: readonly { reason: string; functions: ReadonlySet<string> }[] = list.excluded.map((family) => ({
  reason: family.reason,
  functions: new Set(names(family.functions)),
}));

/** The DuckDB version the lists were reviewed against. */
export const DUCKDB_FUNCTIONS_REVIEWED_FOR = list.duckdb;

/** What a statement may call on a Databricks SQL warehouse: Spark's pure built-ins and DuckDB's names for syntax; no table function. */
export const DATABRICKS_ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([...names(databricks.allowed), ...names(databricks.parserNames)]);

/** Each excluded warehouse family with its reason (secret(), http_request, ai_*, read_files …). */
export const DATABRICKS_EXCLUDED_FAMILIES: readonly { reason: string; functions: ReadonlySet<string> }[] = databricks.excluded.map(
  (family) => ({
    reason: family.reason,
    functions: new Set(names(family.functions)),
  }),
);

/** Table functions a warehouse statement may read from (Spark's range). */
export const DATABRICKS_ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(databricks.tableFunctions.allowed);

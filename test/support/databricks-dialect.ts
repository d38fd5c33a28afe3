/**
 * A lexical Databricks SQL check for statements the emulator cannot judge (it executes on
 * DuckDB, which accepts many functions Databricks SQL lacks, and DuckDB's parser rewrites
 * `percentile_cont … WITHIN GROUP` to `quantile_cont`, so its parse tree cannot tell them apart).
 * Every name written as a function call must be a Databricks SQL built-in function.
 */

/**
 * Databricks SQL built-in functions our SQL may call, transcribed from the Databricks SQL
 * language reference ("Built-in functions", alphabetical list). Add a name only after checking it there.
 */
export const DATABRICKS_BUILTINS: ReadonlySet<string> = new Set([
  'abs',
  'any_value',
  'approx_count_distinct',
  'array_agg',
  'avg',
  'ceil',
  'coalesce',
  'collect_list',
  'concat',
  'count',
  'count_if',
  'current_date',
  'current_timestamp',
  'date_add',
  'date_format',
  'date_sub',
  'date_trunc',
  'datediff',
  'day',
  'dayofweek',
  'dense_rank',
  'extract',
  'floor',
  'format_string',
  'greatest',
  'grouping',
  'hour',
  'if',
  'ifnull',
  'lag',
  'lead',
  'least',
  'lower',
  'max',
  'max_by',
  'mean',
  'median',
  'min',
  'min_by',
  'minute',
  'month',
  'ntile',
  'nullif',
  'nvl',
  'percentile',
  'percentile_approx',
  'percentile_cont',
  'percentile_disc',
  'rank',
  'round',
  'row_number',
  'stddev',
  'sum',
  'to_date',
  'to_timestamp',
  'try_cast',
  'try_divide',
  'upper',
  'year',
]);

/** SQL keywords that can stand right before "(" without being a function call. */
const KEYWORDS = new Set([
  'all',
  'and',
  'any',
  'as',
  'by',
  'cast',
  'else',
  'exists',
  'filter',
  'from',
  'group',
  'having',
  'in',
  'interval',
  'join',
  'limit',
  'not',
  'on',
  'or',
  'over',
  'select',
  'sets',
  'some',
  'then',
  'using',
  'values',
  'when',
  'where',
  'with',
  'within',
]);

/** The text with string literals, quoted identifiers and comments blanked out. */
function codeOnly(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
}

/** Names called as functions in `sql`, lower case, in order of first use. */
export function calledFunctions(sql: string): string[] {
  const names = new Set<string>();
  const code = codeOnly(sql);
  for (const m of code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    const name = (m[1] ?? '').toLowerCase();
    // A type after AS or :: (`CAST(x AS DECIMAL(10, 2))`, `x::DECIMAL(18, 2)`) is not a call.
    if (!KEYWORDS.has(name) && !/(\bAS|::)$/i.test(code.slice(0, m.index).trimEnd())) names.add(name);
  }
  return [...names];
}

/** The functions `sql` calls that are not Databricks SQL built-ins (empty when it passes). */
export function nonDatabricksFunctions(sql: string): string[] {
  return calledFunctions(sql).filter((f) => !DATABRICKS_BUILTINS.has(f));
}

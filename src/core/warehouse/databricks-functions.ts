import type { FunctionInfo } from '../../shared/api';

const f = (name: string, kind: string, signature: string, description: string): FunctionInfo => ({ name, kind, signature, description });

/** Common Databricks SQL functions for the editor's completion when the target is a warehouse. */
export const DATABRICKS_FUNCTIONS: FunctionInfo[] = [
  f('count', 'aggregate', 'count(expr)', 'Number of rows (or non-null values).'),
  f('count_if', 'aggregate', 'count_if(cond)', 'Rows where cond is true.'),
  f('sum', 'aggregate', 'sum(expr)', 'Sum of the values.'),
  f('avg', 'aggregate', 'avg(expr)', 'Mean of the values.'),
  f('min', 'aggregate', 'min(expr)', 'Smallest value.'),
  f('max', 'aggregate', 'max(expr)', 'Largest value.'),
  f('approx_count_distinct', 'aggregate', 'approx_count_distinct(expr)', 'Approximate distinct count (HyperLogLog++).'),
  f('percentile_cont', 'aggregate', 'percentile_cont(p) WITHIN GROUP (ORDER BY expr)', 'Interpolated percentile.'),
  f('percentile', 'aggregate', 'percentile(expr, p)', 'Exact percentile.'),
  f('collect_list', 'aggregate', 'collect_list(expr)', 'Values as an array.'),
  f('any_value', 'aggregate', 'any_value(expr)', 'Some value of the group.'),
  f('round', 'scalar', 'round(expr, d)', 'Rounds half up to d decimals.'),
  f('coalesce', 'scalar', 'coalesce(a, b, …)', 'First non-null argument.'),
  f('nullif', 'scalar', 'nullif(a, b)', 'NULL when a = b, else a.'),
  f('date_trunc', 'scalar', "date_trunc('HOUR', ts)", 'Truncates a timestamp to the unit.'),
  f('date_format', 'scalar', "date_format(ts, 'yyyy-MM-dd')", 'Formats a date or timestamp.'),
  f('date_add', 'scalar', 'date_add(d, n)', 'Adds days to a date.'),
  f('datediff', 'scalar', 'datediff(end, start)', 'Days between two dates.'),
  f('current_date', 'scalar', 'current_date()', "Today's date."),
  f('current_timestamp', 'scalar', 'current_timestamp()', 'Now.'),
  f('to_date', 'scalar', 'to_date(expr, fmt)', 'Parses a date.'),
  f('to_timestamp', 'scalar', 'to_timestamp(expr, fmt)', 'Parses a timestamp.'),
  f('format_string', 'scalar', "format_string('%s', …)", 'printf-style formatting.'),
  f('concat', 'scalar', 'concat(a, b, …)', 'Concatenates strings.'),
  f('lower', 'scalar', 'lower(s)', 'Lower-cases a string.'),
  f('upper', 'scalar', 'upper(s)', 'Upper-cases a string.'),
  f('regexp_extract', 'scalar', 'regexp_extract(s, pattern, group)', 'Extracts a regex group.'),
  f('split', 'scalar', 'split(s, pattern)', 'Splits a string into an array.'),
  f('try_cast', 'scalar', 'try_cast(expr AS type)', 'Cast that returns NULL on failure.'),
  f('row_number', 'window', 'row_number() OVER (…)', 'Row number within the window.'),
  f('lag', 'window', 'lag(expr, n) OVER (…)', 'Value n rows before.'),
  f('lead', 'window', 'lead(expr, n) OVER (…)', 'Value n rows after.'),
];

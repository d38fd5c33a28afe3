SELECT
  function_name,
  any_value(function_type) AS kind,
  any_value(function_name || '(' || array_to_string(parameters, ', ') || ')') AS signature,
  coalesce(any_value(description), '') AS description
FROM duckdb_functions()
WHERE regexp_matches(function_name, '^[A-Za-z_][A-Za-z0-9_]*$')
  AND NOT starts_with(function_name, '__')
GROUP BY function_name
ORDER BY function_name

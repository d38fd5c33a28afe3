SELECT
  c.schema_name,
  c.table_name,
  CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind,
  c.column_name,
  c.data_type,
  c.is_nullable,
  t.estimated_size
FROM duckdb_columns() c
LEFT JOIN duckdb_views() v
  ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
LEFT JOIN duckdb_tables() t
  ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name
WHERE c.database_name = current_database()
  AND NOT c.internal
  AND c.schema_name NOT IN ('information_schema', 'pg_catalog')
ORDER BY c.schema_name, c.table_name, c.column_index

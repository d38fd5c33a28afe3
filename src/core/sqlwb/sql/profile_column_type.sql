SELECT data_type
FROM duckdb_columns()
WHERE database_name = current_database()
  AND NOT internal
  AND schema_name = $schema
  AND table_name = $relation
  AND column_name = $column

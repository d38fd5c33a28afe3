SELECT current_database() AS database_name, lower(schema_name) AS schema_name, lower(table_name) AS relation_name
FROM duckdb_tables()
WHERE database_name = current_database() AND NOT internal AND NOT temporary
UNION ALL
SELECT current_database(), lower(schema_name), lower(view_name)
FROM duckdb_views()
WHERE database_name = current_database() AND NOT internal AND NOT temporary

-- Silver's columns and their types as the database has them (ENUM labels included), for typed filters.
SELECT column_name, data_type
FROM duckdb_columns()
WHERE table_name = 'payments_enriched_silver' AND schema_name = current_schema()

SELECT column_name, data_type
FROM duckdb_columns()
WHERE table_name = 'payments_enriched_silver' AND schema_name = 'main'

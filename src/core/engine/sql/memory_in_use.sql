-- Bytes DuckDB's buffer manager holds right now (hash tables, aggregate states, sorts, lists), across the instance.
SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT AS used,
       parse_formatted_bytes(current_setting('memory_limit'))::BIGINT AS instance_limit
FROM duckdb_memory()

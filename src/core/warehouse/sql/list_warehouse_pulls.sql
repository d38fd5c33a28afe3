SELECT pull_id, table_name, profile_name, host, source, source_sql, row_count,
       strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS started_at,
       strftime(finished_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS finished_at
FROM warehouse_pulls
ORDER BY finished_at DESC

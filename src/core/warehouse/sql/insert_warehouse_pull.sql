INSERT INTO warehouse_pulls
VALUES ($pull_id, $table_name, $profile_name, $host, $source, $source_sql, $row_count, $started_at::TIMESTAMP, $finished_at::TIMESTAMP)

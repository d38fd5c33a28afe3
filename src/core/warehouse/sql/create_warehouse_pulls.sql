CREATE TABLE IF NOT EXISTS warehouse_pulls (
  pull_id VARCHAR PRIMARY KEY,
  table_name VARCHAR NOT NULL,
  profile_name VARCHAR NOT NULL,
  host VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  source_sql VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL
)

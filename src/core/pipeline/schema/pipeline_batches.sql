-- The commit log: a batch row is written in the same transaction as its data, so a batch is
-- either wholly in bronze/silver/quarantine and listed here, or absent everywhere.
CREATE TABLE IF NOT EXISTS pipeline_batches (
  batch_id BIGINT PRIMARY KEY,
  run_key VARCHAR NOT NULL,
  batch_no BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  slot_lo BIGINT NOT NULL,
  slot_hi BIGINT NOT NULL,
  bronze_rows BIGINT NOT NULL,
  silver_rows BIGINT NOT NULL,
  quarantined_rows BIGINT NOT NULL,
  warned_rows BIGINT NOT NULL,
  min_event_ts TIMESTAMP,
  max_event_ts TIMESTAMP,
  committed_at TIMESTAMP NOT NULL,
  UNIQUE (run_key, batch_no)
)

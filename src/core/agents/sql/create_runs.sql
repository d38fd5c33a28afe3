-- Run history: one row per agent run, failures with their message.
CREATE TABLE IF NOT EXISTS agent_runs (
  run_id VARCHAR PRIMARY KEY,
  agent VARCHAR NOT NULL,
  parent_run_id VARCHAR,
  trigger VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  duration_ms DOUBLE,
  status VARCHAR NOT NULL,
  findings INTEGER NOT NULL DEFAULT 0,
  message VARCHAR
)

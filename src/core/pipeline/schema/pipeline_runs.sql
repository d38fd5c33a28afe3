-- One row per replay run (its settings fingerprint is the key), so a rerun resumes it.
CREATE TABLE IF NOT EXISTS pipeline_runs (
  run_key VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,
  settings_json VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP
)

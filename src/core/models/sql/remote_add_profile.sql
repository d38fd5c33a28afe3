-- Databricks serving endpoints are called with the token of a connection profile (added after the first release).
ALTER TABLE model_remote_endpoints ADD COLUMN IF NOT EXISTS profile_id VARCHAR

CREATE TABLE IF NOT EXISTS model_remote_endpoints (
  name VARCHAR PRIMARY KEY,
  url VARCHAR NOT NULL,
  schema_of VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  timeout_ms INTEGER NOT NULL,
  has_token BOOLEAN NOT NULL,
  features VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  profile_id VARCHAR
)

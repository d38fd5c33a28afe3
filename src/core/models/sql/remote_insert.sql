INSERT OR REPLACE INTO model_remote_endpoints (name, url, schema_of, format, timeout_ms, has_token, features)
VALUES ($name, $url, $schema_of, $format, $timeout_ms, $has_token, $features)

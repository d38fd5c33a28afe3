INSERT OR REPLACE INTO model_remote_endpoints (name, url, schema_of, format, timeout_ms, has_token, features, profile_id)
VALUES ($name, $url, $schema_of, $format, $timeout_ms, $has_token, $features, $profile_id)

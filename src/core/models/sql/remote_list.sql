SELECT name, url, schema_of, format, timeout_ms, has_token, features, CAST(created_at AS VARCHAR) AS created_at, profile_id
FROM model_remote_endpoints
ORDER BY name

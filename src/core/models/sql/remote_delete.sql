DELETE FROM model_remote_endpoints WHERE name = $name

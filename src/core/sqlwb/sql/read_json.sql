SELECT * FROM read_json_auto($path)

SELECT json_serialize_sql($sql::VARCHAR) AS ast

/**
 * Settings every DuckDB instance of the app starts with: no extension is ever installed or
 * loaded behind the user's back (httpfs would open the network), no community or unsigned
 * extension, no secrets persisted to ~/.duckdb. JSON, Parquet and ICU are built in, so the
 * pipeline and the SQL editor keep reading CSV/JSON/Parquet.
 */
export const HARDENED_CONFIG: Readonly<Record<string, string>> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  allow_unsigned_extensions: 'false',
  allow_persistent_secrets: 'false',
};

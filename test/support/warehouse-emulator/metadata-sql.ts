/**
 * JDBC-shaped metadata result sets (what GetCatalogs/GetSchemas/GetTables/GetColumns return
 * on a Databricks warehouse), computed from DuckDB's catalog functions.
 */

function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** JDBC pattern (%, _; Databricks also accepts *) → a LIKE condition, or TRUE when absent. */
function like(column: string, pattern: string | undefined | null): string {
  if (!pattern || pattern === '%' || pattern === '*') return 'TRUE';
  return `${column} LIKE ${lit(pattern.replace(/\*/g, '%'))}`;
}

const USER_DATABASES = `database_name NOT IN ('system', 'temp')`;

export function catalogsSql(): string {
  return `SELECT database_name AS TABLE_CAT FROM duckdb_databases() WHERE ${USER_DATABASES} ORDER BY 1`;
}

export function schemasSql(catalog?: string, schema?: string): string {
  return `SELECT schema_name AS TABLE_SCHEM, database_name AS TABLE_CATALOG FROM duckdb_schemas()
    WHERE ${USER_DATABASES} AND schema_name NOT IN ('information_schema', 'pg_catalog')
      AND ${like('database_name', catalog)} AND ${like('schema_name', schema)} ORDER BY 2, 1`;
}

export function tablesSql(catalog?: string, schema?: string, table?: string, types?: string[]): string {
  const typeFilter = types && types.length > 0 ? `TABLE_TYPE IN (${types.map(lit).join(', ')})` : 'TRUE';
  return `SELECT TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE, REMARKS, NULL::VARCHAR AS TYPE_CAT, NULL::VARCHAR AS TYPE_SCHEM,
      NULL::VARCHAR AS TYPE_NAME, NULL::VARCHAR AS SELF_REFERENCING_COL_NAME, NULL::VARCHAR AS REF_GENERATION
    FROM (
      SELECT database_name AS TABLE_CAT, schema_name AS TABLE_SCHEM, table_name AS TABLE_NAME, 'TABLE' AS TABLE_TYPE,
             comment AS REMARKS FROM duckdb_tables() WHERE NOT internal
      UNION ALL
      SELECT database_name, schema_name, view_name, 'VIEW', comment FROM duckdb_views() WHERE NOT internal
    ) t
    WHERE ${like('TABLE_CAT', catalog)} AND ${like('TABLE_SCHEM', schema)} AND ${like('TABLE_NAME', table)} AND ${typeFilter}
    ORDER BY 1, 2, 3`;
}

/** Databricks SQL type names for DuckDB's, as GetColumns reports them. */
const TYPE_NAME = `CASE
    WHEN data_type = 'VARCHAR' THEN 'STRING'
    WHEN data_type = 'INTEGER' THEN 'INT'
    WHEN data_type = 'BLOB' THEN 'BINARY'
    WHEN data_type = 'REAL' THEN 'FLOAT'
    WHEN data_type IN ('HUGEINT', 'UBIGINT') THEN 'DECIMAL(38,0)'
    WHEN data_type LIKE 'TIMESTAMP%' THEN 'TIMESTAMP'
    WHEN data_type LIKE '%[]' THEN 'ARRAY<' || replace(data_type, '[]', '') || '>'
    ELSE data_type END`;

/** java.sql.Types codes for the common types. */
const JDBC_TYPE = `CASE
    WHEN data_type = 'BOOLEAN' THEN 16 WHEN data_type = 'TINYINT' THEN -6 WHEN data_type = 'SMALLINT' THEN 5
    WHEN data_type = 'INTEGER' THEN 4 WHEN data_type = 'BIGINT' THEN -5 WHEN data_type = 'REAL' THEN 6
    WHEN data_type = 'DOUBLE' THEN 8 WHEN data_type LIKE 'DECIMAL%' THEN 3 WHEN data_type = 'DATE' THEN 91
    WHEN data_type LIKE 'TIMESTAMP%' THEN 93 WHEN data_type = 'BLOB' THEN -2 ELSE 12 END`;

export function columnsSql(catalog?: string, schema?: string, table?: string, column?: string): string {
  return `SELECT database_name AS TABLE_CAT, schema_name AS TABLE_SCHEM, table_name AS TABLE_NAME, column_name AS COLUMN_NAME,
      (${JDBC_TYPE})::INTEGER AS DATA_TYPE, ${TYPE_NAME} AS TYPE_NAME, numeric_precision::INTEGER AS COLUMN_SIZE,
      NULL::INTEGER AS BUFFER_LENGTH, numeric_scale::INTEGER AS DECIMAL_DIGITS, numeric_precision_radix::INTEGER AS NUM_PREC_RADIX,
      (CASE WHEN is_nullable THEN 1 ELSE 0 END)::INTEGER AS NULLABLE, comment AS REMARKS, column_default AS COLUMN_DEF,
      NULL::INTEGER AS SQL_DATA_TYPE, NULL::INTEGER AS SQL_DATETIME_SUB, NULL::INTEGER AS CHAR_OCTET_LENGTH,
      column_index::INTEGER AS ORDINAL_POSITION, CASE WHEN is_nullable THEN 'YES' ELSE 'NO' END AS IS_NULLABLE,
      NULL::VARCHAR AS SCOPE_CATALOG, NULL::VARCHAR AS SCOPE_SCHEMA, NULL::VARCHAR AS SCOPE_TABLE,
      NULL::SMALLINT AS SOURCE_DATA_TYPE, 'NO' AS IS_AUTO_INCREMENT
    FROM duckdb_columns() WHERE NOT internal
      AND ${like('database_name', catalog)} AND ${like('schema_name', schema)} AND ${like('table_name', table)} AND ${like('column_name', column)}
    ORDER BY 1, 2, 3, ORDINAL_POSITION`;
}

export function tableTypesSql(): string {
  return `SELECT * FROM (VALUES ('TABLE'), ('VIEW')) t(TABLE_TYPE)`;
}

/** An empty result with the given VARCHAR columns (GetFunctions, GetPrimaryKeys, ...). */
export function emptySql(columns: string[]): string {
  return `SELECT ${columns.map((c) => `NULL::VARCHAR AS ${c}`).join(', ')} WHERE FALSE`;
}

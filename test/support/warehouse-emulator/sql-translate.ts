/**
 * Just enough Databricks SQL → DuckDB translation for the emulator: backtick identifiers
 * become double-quoted, and `:name` / `?` markers become typed literals from the request's
 * TSparkParameters, and Spark's backslash escapes in '…' literals become DuckDB's doubled quotes.
 * Comments and `::` casts are left alone.
 */
export interface SparkParam {
  name?: string;
  ordinal?: number;
  type?: string;
  value?: { stringValue?: string };
}

const DUCK_TYPES: Record<string, string> = {
  STRING: 'VARCHAR',
  INTEGER: 'INTEGER',
  INT: 'INTEGER',
  BIGINT: 'BIGINT',
  SMALLINT: 'SMALLINT',
  TINYINT: 'TINYINT',
  DOUBLE: 'DOUBLE',
  FLOAT: 'FLOAT',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMPTZ',
  TIMESTAMP_NTZ: 'TIMESTAMP',
  TIMESTAMP_LTZ: 'TIMESTAMPTZ',
};

function literal(p: SparkParam | undefined): string {
  if (!p || !p.type || p.value?.stringValue === undefined) return 'NULL';
  const text = `'${p.value.stringValue.replace(/'/g, "''")}'`;
  if (p.type === 'DECIMAL') {
    const frac = p.value.stringValue.split('.')[1]?.length ?? 0;
    return `CAST(${text} AS DECIMAL(38,${Math.min(frac, 37)}))`;
  }
  return `CAST(${text} AS ${DUCK_TYPES[p.type] ?? 'VARCHAR'})`;
}

export function translateSql(sql: string, params: SparkParam[] = []): string {
  const named = new Map(params.filter((p) => p.name).map((p) => [p.name!, p]));
  const ordinal = params.filter((p) => !p.name);
  let ordinalIndex = 0;
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'") {
      const { literal: text, end } = sparkString(sql, i);
      out += text;
      i = end;
    } else if (ch === '"') {
      const end = skipQuoted(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '`') {
      const end = sql.indexOf('`', i + 1);
      const stop = end < 0 ? sql.length : end;
      out += `"${sql.slice(i + 1, stop).replace(/"/g, '""')}"`;
      i = stop + 1;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (ch === ':' && next && /[A-Za-z_]/.test(next)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      const p = named.get(m[0]);
      out += p ? literal(p) : `:${m[0]}`;
      i += 1 + m[0].length;
    } else if (ch === '?' && ordinal.length > 0) {
      out += literal(ordinal[ordinalIndex++]);
      i += 1;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** A Databricks '…' literal (backslash escapes) as a DuckDB literal, and where it ends. */
function sparkString(sql: string, start: number): { literal: string; end: number } {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\u0000' };
  let value = '';
  let i = start + 1;
  while (i < sql.length && sql[i] !== "'") {
    if (sql[i] === '\\' && i + 1 < sql.length) {
      value += escapes[sql[i + 1]!] ?? sql[i + 1];
      i += 2;
    } else value += sql[i++];
  }
  return { literal: `'${value.replace(/'/g, "''")}'`, end: Math.min(sql.length, i + 1) };
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

import { quoteIdent, quoteLiteral, quoteSparkIdent, quoteSparkLiteral } from '../../shared/sql/quote';
/*
 * Dataset SQL between Databricks SQL (Lakeview files) and DuckDB (this app). The dialects
 * differ in quoting, not only in functions: in Databricks SQL `name` is an identifier and "text"
 * a string, in DuckDB "name" is an identifier; Databricks parameters are `:name` (a range
 * parameter's ends `:name.min` / `:name.max`), ours `$name`. A small lexer keeps strings and
 * comments intact so nothing inside them is rewritten.
 */

type TokenKind = 'single' | 'double' | 'backtick' | 'comment' | 'code';
interface Token {
  kind: TokenKind;
  text: string;
}

const DATABRICKS_TOKENS = /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|`(?:[^`]|``)*`|--[^\n]*|\/\*[\s\S]*?\*\//g;
const DUCKDB_TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;

function tokenize(sql: string, pattern: RegExp): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of sql.matchAll(pattern)) {
    if (m.index > last) out.push({ kind: 'code', text: sql.slice(last, m.index) });
    const t = m[0];
    const kind: TokenKind = t.startsWith("'") ? 'single' : t.startsWith('"') ? 'double' : t.startsWith('`') ? 'backtick' : 'comment';
    out.push({ kind, text: t });
    last = m.index + t.length;
  }
  if (last < sql.length) out.push({ kind: 'code', text: sql.slice(last) });
  return out;
}

/** The DuckDB name a Databricks parameter reference binds to (`:r.min` → `r_min`). */
export function boundName(keyword: string, part?: string): string {
  return part ? `${keyword}_${part.toLowerCase()}` : keyword;
}

/** A Databricks string body (backslash escapes) as a DuckDB literal. */
function duckString(body: string): string {
  const text = body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
  return quoteLiteral(text);
}

/**
 * Databricks SQL → DuckDB: backtick identifiers become "quoted", double-quoted strings become
 * 'single-quoted', `COUNT(`*`)` keeps its star, and `:keyword` / `:keyword.min|max` of declared
 * parameters become `$keyword` / `$keyword_min|max`. Undeclared `:x` (a JSON path, a `::` cast) stays.
 */
export function databricksToDuckDb(sql: string, keywords: ReadonlySet<string>): string {
  return tokenize(sql, DATABRICKS_TOKENS)
    .map((t) => {
      if (t.kind === 'comment') return t.text;
      if (t.kind === 'single' || t.kind === 'double')
        return duckString(t.text.slice(1, -1).replace(t.kind === 'single' ? /''/g : /""/g, (q) => `\\${q[0]}`));
      if (t.kind === 'backtick') {
        const name = t.text.slice(1, -1).replace(/``/g, '`');
        return name === '*' ? '*' : quoteIdent(name);
      }
      return t.text.replace(/(?<![:\w]):([A-Za-z_]\w*)(?:\.(min|max)\b)?/gi, (m, kw: string, part?: string) =>
        keywords.has(kw) ? `$${boundName(kw, part)}` : m,
      );
    })
    .join('');
}

/** The parameter references (`:keyword`, `:keyword.min`) a Databricks statement makes, as bound names. */
export function databricksParamRefs(sql: string): string[] {
  const names = new Set<string>();
  for (const t of tokenize(sql, DATABRICKS_TOKENS))
    if (t.kind === 'code')
      for (const m of t.text.matchAll(/(?<![:\w]):([A-Za-z_]\w*)(?:\.(min|max)\b)?/gi)) names.add(boundName(m[1]!, m[2]));
  return [...names];
}

/**
 * DuckDB → Databricks SQL: "identifiers" become backtick identifiers, string literals use
 * backslash escapes (Databricks reads a backslash in a string as an escape), `$name` → `:name`
 * (`marker` writes a parameter differently, e.g. `r_min` → `:r.min`).
 */
export function duckDbToDatabricks(sql: string, marker: (name: string) => string = (n) => `:${n}`): { sql: string; params: string[] } {
  const params = new Set<string>();
  const out = tokenize(sql, DUCKDB_TOKENS)
    .map((t) => {
      if (t.kind === 'comment') return t.text;
      if (t.kind === 'single') return quoteSparkLiteral(t.text.slice(1, -1).replace(/''/g, "'"));
      if (t.kind === 'double') return quoteSparkIdent(t.text.slice(1, -1).replace(/""/g, '"'));
      return t.text.replace(/\$([A-Za-z_]\w*)/g, (_m, n: string) => (params.add(n), marker(n)));
    })
    .join('');
  return { sql: out, params: [...params] };
}

/** Three-part names (`catalog.schema.table`) a statement reads, outside strings and comments. */
export function catalogsRead(databricksSql: string): string[] {
  const catalogs = new Set<string>();
  const code = tokenize(databricksSql, DATABRICKS_TOKENS)
    .map((t) => (t.kind === 'backtick' ? t.text.slice(1, -1).replace(/\W/g, '_') : t.kind === 'code' ? t.text : ' '))
    .join('');
  for (const m of code.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_]\w*)\s*\.\s*[A-Za-z_]\w*\s*\.\s*[A-Za-z_]\w*/gi)) catalogs.add(m[1]!);
  return [...catalogs];
}

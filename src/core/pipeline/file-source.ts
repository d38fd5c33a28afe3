import type { DuckDBConnection } from '@duckdb/node-api';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError } from '../../shared/errors';
import { isInterruptError } from '../engine/sql-error';
import { quoteIdent } from '../../shared/sql/quote';
import { EVENT_COLUMNS, EVENT_COLUMN_NAMES, OPTIONAL_COLUMNS, isEnumType } from './event-columns';
import { stagedProjection } from './file-typing';
import { readWith, runWith } from './param-types';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';

/** A problem found in a recorded file, as the CLI prints it: file, line, what is wrong. */
export interface FileProblem {
  /** The file, when the replay read several. */
  file?: string;
  line: number | null;
  problem: string;
  raw?: string;
}

/** The file loaded into the temp table `file_raw` in the staged batch's shape (one row per record, `_line` = its line). */
export interface LoadedFile {
  format: FileFormat;
  records: number;
  /** How many of the event columns the file has. */
  columns: number;
  problems: FileProblem[];
  warnings: string[];
}

export function detectFormat(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.parquet') return 'parquet';
  throw new AppError('INVALID_INPUT', `${basename(path)}: unknown format "${ext || '(none)'}"; use .csv, .jsonl (JSON lines) or .parquet.`);
}

/**
 * Reads a recorded file into `file_raw`, in one pass of DuckDB's parallel reader, already in the
 * staged batch's shape: event columns cast to their bronze types, the first value that does not
 * fit named in `_bad_column`. Structural errors become problems with their line; a missing
 * required column or an empty file fails before anything is written.
 */
export async function loadFile(conn: DuckDBConnection, path: string): Promise<LoadedFile> {
  const format = detectFormat(path);
  const name = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError('NOT_FOUND', `${path}: no such file.`);
  }
  if (size === 0) throw new AppError('INVALID_FILE', `${name}: the file is empty; there are no events to replay.`);
  const loaded =
    format === 'csv'
      ? await loadCsv(conn, path, name)
      : format === 'jsonl'
        ? await loadJsonl(conn, path, name)
        : await loadParquet(conn, path, name);
  if (loaded.records === 0 && loaded.problems.length === 0) throw new AppError('INVALID_FILE', `${name}: the file has no records.`);
  return loaded;
}

function checkColumns(name: string, present: string[]): string[] {
  const missing = EVENT_COLUMN_NAMES.filter((c) => !present.includes(c) && !OPTIONAL_COLUMNS.has(c));
  if (missing.length > 0) {
    throw new AppError(
      'INVALID_FILE',
      `${name} line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; nothing was imported.`,
    );
  }
  return present.filter((c) => !EVENT_COLUMN_NAMES.includes(c)).map((c) => `${name} line 1: unknown column "${c}" ignored.`);
}

async function loadCsv(conn: DuckDBConnection, path: string, name: string): Promise<LoadedFile> {
  const header = firstLine(path)
    .split(',')
    .map((h) => h.trim().replace(/^"(.*)"$/u, '$1'));
  const warnings = checkColumns(name, header);
  const types = EVENT_COLUMNS.filter(([c]) => header.includes(c))
    .map(([c, t]) => `'${c}': '${isEnumType(t) ? 'VARCHAR' : t}'`)
    .join(', ');
  await runWith(conn, 'DROP TABLE IF EXISTS file_rejects; DROP TABLE IF EXISTS file_reject_scans', {});
  // Straight from DuckDB's parallel reader into file_raw, event columns only (anything else in the
  // file is ignored, whatever its name); a record's line is its rank plus the header for now.
  // Straight from DuckDB's parallel reader into the staged shape (typed, checked), event columns
  // only: anything else in the file is ignored, whatever its name. No window function numbers the
  // lines (it would read the file on one thread): the table keeps the file's order, so a record's
  // line is its rowid plus the header, and the rejected lines before it.
  const readTypes = new Map(EVENT_COLUMNS.filter(([c]) => header.includes(c)).map(([c, t]) => [c, isEnumType(t) ? 'VARCHAR' : t] as const));
  await unreadable(name, 'CSV', () =>
    runWith(
      conn,
      `CREATE OR REPLACE TEMP TABLE file_raw AS SELECT ${stagedProjection(readTypes, null)}, NULL::BIGINT AS _line
      FROM read_csv($path, header = true, delim = ',', quote = '"',
      types = {${types}}, store_rejects = true, rejects_table = 'file_rejects', rejects_scan = 'file_reject_scans')`,
      { path },
    ),
  );
  const rejects = await readWith(
    conn,
    `SELECT DISTINCT ON (line) line, error_type, column_name, error_message, csv_line FROM file_rejects
     ORDER BY line, error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS', 'UNQUOTED VALUE', 'INVALID UNICODE') DESC, column_idx`,
    {},
  );
  const problems: FileProblem[] = rejects.map((r) => ({
    line: Number(r.line),
    problem: describeReject(String(r.error_type), r.column_name === null ? null : String(r.column_name), String(r.error_message)),
    raw: r.csv_line === null ? undefined : String(r.csv_line),
  }));
  await saveProblems(conn, problems);
  await runWith(conn, 'UPDATE file_raw SET _line = rowid + 2', {});
  if (problems.length > 0) {
    // A good record's line: its rank among good records plus the header and the rejected lines before it.
    await runWith(
      conn,
      'CREATE OR REPLACE TEMP TABLE file_reject_lines AS SELECT line - row_number() OVER (ORDER BY line) AS s FROM (SELECT DISTINCT line FROM file_rejects)',
      {},
    );
    await runWith(conn, 'UPDATE file_raw SET _line = _line + (SELECT count(*) FROM file_reject_lines WHERE s < _line)', {});
  }
  return { format: 'csv', records: await count(conn), columns: readTypes.size, problems, warnings };
}

async function loadJsonl(conn: DuckDBConnection, path: string, name: string): Promise<LoadedFile> {
  // Lines that are not even text (invalid UTF-8, a stray control byte) are rejected by the line reader
  // with their line number and become problems too, instead of failing the whole file.
  await runWith(conn, 'DROP TABLE IF EXISTS file_rejects; DROP TABLE IF EXISTS file_reject_scans', {});
  await unreadable(name, 'JSON-lines', () =>
    runWith(
      conn,
      `CREATE OR REPLACE TEMP TABLE file_lines_read AS
       SELECT row_number() OVER () AS rn, line AS _raw FROM read_csv($path, columns = {'line': 'VARCHAR'}, header = false,
         auto_detect = false, delim = chr(1), quote = '', escape = '',
         store_rejects = true, rejects_table = 'file_rejects', rejects_scan = 'file_reject_scans')`,
      { path },
    ),
  );
  const rejected = await readWith(conn, 'SELECT DISTINCT ON (line) line, error_type, csv_line FROM file_rejects ORDER BY line', {});
  await runWith(
    conn,
    'CREATE OR REPLACE TEMP TABLE file_reject_lines AS SELECT line - row_number() OVER (ORDER BY line) AS s FROM (SELECT DISTINCT line FROM file_rejects)',
    {},
  );
  const correction = rejected.length > 0 ? '(SELECT count(*) FROM file_reject_lines WHERE s < rn)' : '0';
  await runWith(conn, `CREATE OR REPLACE TEMP TABLE file_lines AS SELECT rn + ${correction} AS _line, _raw FROM file_lines_read`, {});
  await runWith(conn, 'DROP TABLE file_lines_read', {});
  const bad = await readWith(conn, 'SELECT _line, _raw FROM file_lines WHERE NOT coalesce(json_valid(_raw), false) ORDER BY _line', {});
  const problems: FileProblem[] = [
    ...rejected.map((r) => ({
      line: Number(r.line),
      problem: `not a readable line (${String(r.error_type).toLowerCase()})`,
      raw: r.csv_line === null ? '' : String(r.csv_line),
    })),
    ...bad.map((r) => ({ line: Number(r._line), problem: 'not a valid JSON object (truncated or malformed)', raw: String(r._raw ?? '') })),
  ].sort((a, b) => a.line - b.line);
  await saveProblems(conn, problems);
  const first = await readWith(conn, 'SELECT json_keys(_raw) AS k FROM file_lines WHERE json_valid(_raw) ORDER BY _line LIMIT 1', {});
  const keys = (first[0]?.k as { items?: unknown[] } | undefined)?.items?.map(String) ?? [];
  const warnings = keys.length > 0 ? checkColumns(name, keys) : [];
  const extract = EVENT_COLUMNS.map(([c]) => `json_extract_string(_raw, '$.${c}') AS ${quoteIdent(c)}`).join(', ');
  const readTypes = new Map(EVENT_COLUMNS.map(([c]) => [c, 'VARCHAR'] as const));
  await runWith(
    conn,
    `CREATE OR REPLACE TEMP TABLE file_raw AS SELECT ${stagedProjection(readTypes, '_raw')}, _line
     FROM (SELECT ${extract}, _line, _raw FROM file_lines WHERE json_valid(_raw))`,
    {},
  );
  await runWith(conn, 'DROP TABLE file_lines', {});
  return { format: 'jsonl', records: await count(conn), columns: EVENT_COLUMNS.length, problems, warnings };
}

async function loadParquet(conn: DuckDBConnection, path: string, name: string): Promise<LoadedFile> {
  let columns: string[];
  try {
    columns = (
      await readWith(conn, "SELECT name FROM parquet_schema($path) WHERE name <> 'duckdb_schema' AND num_children IS NULL", { path })
    ).map((r) => String(r.name));
  } catch (error) {
    throw new AppError(
      'INVALID_FILE',
      `${name}: not a readable Parquet file (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
    );
  }
  const warnings = checkColumns(name, columns);
  await unreadable(name, 'Parquet', async () => {
    const described = await readWith(conn, 'DESCRIBE SELECT * FROM read_parquet($path)', { path });
    const readTypes = new Map(
      described.map((r) => [String(r.column_name), String(r.column_type)] as const).filter(([c]) => EVENT_COLUMN_NAMES.includes(c)),
    );
    // Each record's line is its file_row_number, so the rows may land in any order: the reader's
    // threads then append without merging their output back into file order.
    await runWith(conn, 'SET SESSION preserve_insertion_order = false', {});
    try {
      await runWith(
        conn,
        `CREATE OR REPLACE TEMP TABLE file_raw AS SELECT ${stagedProjection(readTypes, null)}, file_row_number + 1 AS _line
        FROM read_parquet($path, file_row_number = true)`,
        { path },
      );
    } finally {
      await runWith(conn, 'RESET SESSION preserve_insertion_order', {});
    }
  });
  await saveProblems(conn, []);
  return {
    format: 'parquet',
    records: await count(conn),
    columns: EVENT_COLUMN_NAMES.filter((c) => columns.includes(c)).length,
    problems: [],
    warnings,
  };
}

/** Keeps the unreadable records in `file_problems` so the first batch can quarantine them in its own transaction. */
async function saveProblems(conn: DuckDBConnection, problems: FileProblem[]): Promise<void> {
  await runWith(conn, 'CREATE OR REPLACE TEMP TABLE file_problems (line BIGINT, problem VARCHAR, raw VARCHAR)', {});
  const appender = await conn.createAppender('file_problems', 'main', 'temp');
  for (const p of problems) {
    if (p.line === null) appender.appendNull();
    else appender.appendBigInt(BigInt(p.line));
    appender.appendVarchar(p.problem);
    if (p.raw === undefined) appender.appendNull();
    else appender.appendVarchar(p.raw);
    appender.endRow();
  }
  appender.closeSync();
}

/** Runs a whole-file read; when DuckDB cannot read the file at all, says so as INVALID_FILE (nothing was written yet). */
async function unreadable(name: string, format: string, read: () => Promise<unknown>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if ((error instanceof AppError && error.code !== 'SQL_ERROR') || isInterruptError(error)) throw error;
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new AppError('INVALID_FILE', `${name}: not a readable ${format} file (${why}); nothing was imported.`);
  }
}

async function count(conn: DuckDBConnection): Promise<number> {
  return Number((await readWith(conn, 'SELECT count(*) AS n FROM file_raw', {}))[0]?.n ?? 0);
}

function describeReject(type: string, column: string | null, message: string): string {
  if (type === 'MISSING COLUMNS')
    return `truncated record (${message.replace('Expected Number of Columns', 'expected').replace('Found', 'found')})`;
  if (type === 'TOO MANY COLUMNS')
    return `too many fields (${message.replace('Expected Number of Columns', 'expected').replace('Found', 'found')})`;
  if (type === 'CAST') return `wrong type in ${column ?? 'a column'}: ${message.replace(/^Error when converting column "[^"]*"\. /u, '')}`;
  return `${type.toLowerCase()}: ${message}`;
}

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8').split(/\r?\n/u)[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

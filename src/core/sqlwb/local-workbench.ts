import { randomUUID } from 'node:crypto';
import { StatementType, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import type { ExplainOutput, FunctionInfo, SqlParams } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { lexSql } from '../../shared/sql/lex';
import { splitStatements } from '../../shared/sql/statements';
import { profileColumn } from './column-profile';
import type { Engine } from '../engine/engine';
import { describeColumns, normaliseRows } from '../engine/values';
import { attachResultsDb, LocalResult } from './local-result';
import { parsePlan } from './plan-tree';
import { asSource, fillTemplate } from './sql-template';
import type { ExecuteOutcome, SqlWorkbench } from '../engine/sql-target';
import functionsSql from './sql/functions.sql?raw';
import pageSql from './sql/page.sql?raw';

/** Statements that are not SELECT-like run as they are and keep at most this many rows. */
const OTHER_STATEMENT_ROWS = 10_000;
export const STATEMENT_TIMEOUT_MS = 30 * 60_000;

/** A statement's own result, not paged: at most OTHER_STATEMENT_ROWS rows. */
function direct(reader: DuckDBResultReader, statementType: string): ExecuteOutcome {
  const columns = describeColumns(reader.columnNames(), reader.columnTypes());
  const rows = normaliseRows((reader.getRowsJson() as unknown[][]).slice(0, OTHER_STATEMENT_ROWS), columns);
  return { statementType, columns, rows, total: rows.length, hasMore: false, handle: null };
}

/** The statement without its leading comments. */
function stripComments(sql: string): string {
  const first = lexSql(sql).find((t) => t.kind !== 'comment');
  return first ? sql.slice(first.start) : '';
}

/** The SQL page's side of the local DuckDB database (the `workbench` of its SqlTarget). */
export function localWorkbench(engine: Engine): SqlWorkbench {
  let functionCache: Promise<FunctionInfo[]> | undefined;
  return {
    functions() {
      functionCache ??= engine.query(functionsSql, { maxRows: 100_000 }).then((result) =>
        result.rows.map(([name, kind, signature, description]) => ({
          name: String(name),
          kind: String(kind),
          signature: String(signature),
          description: String(description ?? ''),
        })),
      );
      functionCache.catch(() => (functionCache = undefined));
      return functionCache;
    },
    execute: executor(engine),
    profileColumn: (ref, signal) => profileColumn(engine, ref, signal),
    explain: (sql, params, analyze, signal) => explain(engine, sql, params, analyze, signal),
  };
}

/** Runs one statement: a SELECT's first page (its result kept for paging), any other statement's own rows. */
const executor =
  (engine: Engine): SqlWorkbench['execute'] =>
  async (sql, params, pageSize, signal) => {
    // Results live in an attached in-memory database, visible to every connection, never in the user's file.
    await attachResultsDb(engine);
    const values = params as Record<string, DuckDBValue> | undefined;
    return engine.withConnection(sql, { signal, timeoutMs: STATEMENT_TIMEOUT_MS }, async (conn) => {
      const extracted = await conn.extractStatements(sql);
      if (extracted.count === 0) throw new AppError('INVALID_INPUT', 'There is no statement to run: the text is empty or only comments.');
      if (splitStatements(sql).length > 1) throw new AppError('INVALID_INPUT', 'Run one statement at a time (use "Run all" for a script).');
      // DuckDB expands some single statements (PIVOT) into several: run those as written.
      if (extracted.count > 1) return direct(await conn.runAndReadUntil(sql, OTHER_STATEMENT_ROWS + 1, values), 'MULTI');
      const prepared = await extracted.prepare(0);
      const statementType = StatementType[prepared.statementType] ?? 'UNKNOWN';
      if (prepared.statementType === StatementType.SELECT && !/^\s*pragma\b/i.test(stripComments(sql))) {
        const first = fillTemplate(pageSql, { source: asSource(sql), order: '', limit: pageSize + 1, offset: 0 });
        const reader = await conn.runAndReadUntil(first, pageSize + 1, values);
        const columns = describeColumns(reader.columnNames(), reader.columnTypes());
        const all = reader.getRowsJson() as unknown[][];
        const hasMore = all.length > pageSize;
        const rows = normaliseRows(hasMore ? all.slice(0, pageSize) : all, columns);
        const total = hasMore ? null : rows.length;
        const handle = new LocalResult(engine, randomUUID().replace(/-/g, ''), sql, params, columns, total);
        return { statementType, columns, rows, total, hasMore, handle };
      }
      if (values) prepared.bind(values);
      return direct(await prepared.runAndReadUntil(OTHER_STATEMENT_ROWS + 1), statementType);
    });
  };

async function explain(
  engine: Engine,
  sql: string,
  params: SqlParams | undefined,
  analyze: boolean,
  signal: AbortSignal,
): Promise<ExplainOutput> {
  const body = sql.replace(/[\s;]+$/u, '');
  if (/^\s*explain\b/i.test(body)) throw new AppError('INVALID_INPUT', 'Remove EXPLAIN from the statement: the Explain buttons add it.');
  const prefix = analyze ? 'EXPLAIN (ANALYZE, FORMAT json) ' : 'EXPLAIN (FORMAT json) ';
  const result = await engine.query(prefix + body, { params, signal, timeoutMs: STATEMENT_TIMEOUT_MS, maxRows: 10 });
  const json = result.rows[0]?.[1];
  if (typeof json !== 'string') throw new AppError('INTERNAL', 'DuckDB returned no plan for this statement.');
  const { plan, totalMs } = parsePlan(json, analyze);
  return { analyzed: analyze, totalMs, plan };
}

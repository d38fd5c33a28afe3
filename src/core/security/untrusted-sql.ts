import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult, SqlParams } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { toSqlAppError } from '../engine/sql-error';
import { findPolicyViolation, type FunctionPolicy, type RelationCatalog } from './sql-ast-policy';
import readableRelationsSql from './sql/readable_relations.sql?raw';
import serializeSql from './sql/serialize_sql.sql?raw';

/** Limits for one untrusted statement. */
export interface UntrustedRunOptions {
  /** Rows returned at most; `truncated` says when there were more. */
  maxRows?: number;
  /** Interrupts the statement after this long (TIMEOUT). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Where a statement came from, and what it may read beyond the policy's defaults. */
export interface UntrustedSource {
  /** Names the SQL in refusals, e.g. "This bundle's dataset daily"; Ask's own refusals go without. */
  origin?: string;
  /** Reads only these relations of the database (a bundle's own tables), when set. */
  relations?: readonly string[];
}

export const UNTRUSTED_MAX_ROWS = 5_000;
export const UNTRUSTED_TIMEOUT_MS = 30_000;
/** Bytes of one untrusted result kept in JS, nested values counted (see engine/result-budget.ts). */
export const UNTRUSTED_MAX_BYTES = 32 * 1024 * 1024;
/** Longer SQL text is refused before it is parsed: no question, dataset or widget needs 64 KB, a payload of literals does. */
export const UNTRUSTED_MAX_SQL_CHARS = 64 * 1024;

/**
 * The time limit of one untrusted statement: the caller's (default 30 s), never longer than
 * MEDALLION_UNTRUSTED_TIMEOUT_MS when that is set (an operator's ceiling; the tests use it).
 */
export function untrustedTimeoutMs(requested: number = UNTRUSTED_TIMEOUT_MS, env: NodeJS.ProcessEnv = process.env): number {
  const ceiling = Number(env.MEDALLION_UNTRUSTED_TIMEOUT_MS);
  return Number.isFinite(ceiling) && ceiling > 0 ? Math.min(requested, ceiling) : requested;
}

/**
 * THE gate for SQL the app did not write (Ask offline and LLM, bundles, imported dashboards and
 * their widgets, agents' evidence queries built from data values). It accepts
 * exactly one SELECT/WITH statement, judged by DuckDB's own parser, that reads only the
 * open database's tables and views (see sql-ast-policy.ts), then runs it row-capped and
 * time-limited. It refuses with FORBIDDEN and a message that says why; nothing runs then.
 */
export async function checkUntrustedSql(engine: Engine, sql: string, source: UntrustedSource = {}): Promise<string> {
  return (await gateUntrustedSql(engine, sql, undefined, source)).text;
}

/** Where a gated statement will run when it is not the open database (a warehouse). */
export interface RemoteScope {
  /** The relations the statement may read there. */
  relations: RelationCatalog;
  /** The functions that side may run (its allowlist). */
  functions: FunctionPolicy;
}

/** The time limit and cancel of the gate's own work: binding evaluates constant expressions. */
export interface GateLimits {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The gate itself: one statement, a SELECT by DuckDB's parser, reading only allowed relations.
 * With `remote`, relations are judged against that side and the statement is not bound locally
 * (its tables live elsewhere); DuckDB serialises only SELECT statements, so the type still holds.
 * Returns the statement's text and parse tree.
 */
export async function gateUntrustedSql(
  engine: Engine,
  sql: string,
  remote?: RemoteScope,
  source: UntrustedSource = {},
  limits: GateLimits = {},
): Promise<{ text: string; ast: unknown }> {
  const text = sql.trim().replace(/;\s*$/u, '');
  if (!text) throw new AppError('INVALID_INPUT', 'The SQL is empty.');
  const forbidden = (why: string) => new AppError('FORBIDDEN', source.origin ? `${source.origin} was refused: ${why}` : why);
  if (text.length > UNTRUSTED_MAX_SQL_CHARS) {
    throw forbidden(
      `The SQL is ${text.length.toLocaleString('en-US')} characters long; at most ${UNTRUSTED_MAX_SQL_CHARS.toLocaleString('en-US')} can run here.`,
    );
  }
  let statement: unknown;
  const conn = await engine.instance.connect();
  try {
    let extracted;
    try {
      extracted = await conn.extractStatements(text);
    } catch (error) {
      throw toSqlAppError(error, text);
    }
    if (extracted.count !== 1) {
      throw forbidden(`Only one statement can run here, and this SQL has ${extracted.count}. Run them one at a time.`);
    }
    const serialized = await conn.runAndReadAll(serializeSql, { sql: text });
    const ast = JSON.parse(String(serialized.getRows()[0]?.[0] ?? '{}')) as {
      error?: boolean;
      error_message?: string;
      statements?: unknown[];
    };
    if (ast.error || !ast.statements || ast.statements.length !== 1) {
      throw forbidden(
        `Only a read-only query (SELECT or WITH) can run here; ${describeStatement(text)} is not allowed. Your data was not changed.`,
      );
    }
    statement = ast.statements[0];
    const violation = findPolicyViolation(
      statement as never,
      remote?.relations ?? (await readRelations(conn, source.relations)),
      remote?.functions,
    );
    if (violation) throw forbidden(violation);
  } finally {
    conn.closeSync();
  }
  if (remote) return { text, ast: statement };
  // Binding happens only now, after the walk: a prepare of read_csv would already open the file.
  // It evaluates constant expressions, so it runs under the statement's time limit and cancel.
  const bindOptions = { timeoutMs: untrustedTimeoutMs(limits.timeoutMs), signal: limits.signal, untrusted: true };
  const type = await engine.inSlot(bindOptions, () =>
    engine.withConnection(text, bindOptions, async (bind) => {
      const prepared = await (await bind.extractStatements(text)).prepare(0);
      const kind = prepared.statementType;
      prepared.destroySync();
      return kind;
    }),
  );
  if (type !== StatementType.SELECT) {
    throw forbidden(`Only a read-only query (SELECT or WITH) can run here; ${describeStatement(text)} is not allowed.`);
  }
  return { text, ast: statement };
}

/** Checks `sql` with the gate, then runs it capped in rows and time, in a READ ONLY transaction (DuckDB refuses any write). */
export async function runUntrustedSql(
  engine: Engine,
  sql: string,
  options: UntrustedRunOptions & UntrustedSource & { params?: SqlParams } = {},
): Promise<QueryResult> {
  const { text: checked } = await gateUntrustedSql(engine, sql, undefined, options, options);
  return engine.query(checked, {
    params: options.params,
    maxRows: options.maxRows ?? UNTRUSTED_MAX_ROWS,
    maxBytes: UNTRUSTED_MAX_BYTES,
    timeoutMs: untrustedTimeoutMs(options.timeoutMs),
    readOnly: true,
    untrusted: true,
    signal: options.signal,
  });
}

/** Checks `sql` with the gate and asks DuckDB to plan it (EXPLAIN): catches unknown columns and types without running it. */
export async function validateUntrustedSql(engine: Engine, sql: string, source: UntrustedSource = {}): Promise<string> {
  const checked = await checkUntrustedSql(engine, sql, source);
  await engine.query(`EXPLAIN ${checked}`, { maxRows: 50, timeoutMs: 10_000, readOnly: true, untrusted: true });
  return checked;
}

async function readRelations(conn: DuckDBConnection, only?: readonly string[]): Promise<RelationCatalog> {
  const allowed = only && new Set(only.map((n) => n.toLowerCase()));
  const reader = await conn.runAndReadAll(readableRelationsSql);
  const names = new Set<string>();
  let database = '';
  for (const [db, schema, name] of reader.getRows() as [string, string, string][]) {
    database = db;
    if (allowed && !(schema === 'main' && allowed.has(name))) continue;
    names.add(`${schema}.${name}`);
    if (schema === 'main') names.add(`.${name}`);
  }
  if (!database) database = String((await conn.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0] ?? '');
  return { database, has: (schema, name) => names.has(`${schema}.${name}`) };
}

function describeStatement(sql: string): string {
  const word = /^\s*(\w+)(\s+\w+)?/u.exec(sql);
  if (!word) return 'this statement';
  const first = (word[1] ?? '').toUpperCase();
  const second = (word[2] ?? '').trim().toUpperCase();
  return ['DROP', 'CREATE', 'ALTER', 'EXPORT', 'INSERT', 'DELETE'].includes(first) && second ? `${first} ${second}` : first;
}

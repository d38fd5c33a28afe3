import type { SqlParams } from '../../src/shared/api';
import { Engine } from '../../src/core/engine/engine';

/** Opens the database file as the app would after a crash (replaying its WAL), runs `work`, closes it. */
export async function withDb<T>(path: string, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await Engine.open({ path, threads: 1 });
  try {
    return await work(engine);
  } finally {
    engine.close();
  }
}

export async function scalar(engine: Engine, sql: string, params?: SqlParams): Promise<unknown> {
  const r = await engine.query(sql, { params });
  return r.rows[0]?.[0];
}

export async function row(engine: Engine, sql: string, params?: SqlParams): Promise<unknown[]> {
  const r = await engine.query(sql, { params });
  return r.rows[0] ?? [];
}

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function tableExists(engine: Engine, name: string): Promise<boolean> {
  return Number(await scalar(engine, 'SELECT count(*) FROM duckdb_tables() WHERE table_name = $name AND NOT temporary', { name })) > 0;
}

/**
 * No corruption: the file opens, `PRAGMA database_size` answers, and every table reads back
 * in full (every column of every row hashed, so no block is skipped by metadata shortcuts).
 */
export async function integrityProblems(engine: Engine): Promise<string[]> {
  const problems: string[] = [];
  try {
    const size = await engine.query('PRAGMA database_size');
    if (size.rows.length !== 1) problems.push(`PRAGMA database_size returned ${size.rows.length} rows`);
    const tables = await engine.query('SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND database_name = current_database()', {
      maxRows: 10_000,
    });
    for (const [name] of tables.rows) {
      try {
        await engine.query(`SELECT count(*), bit_xor(hash(t)) FROM ${quote(String(name))} t`);
      } catch (error) {
        problems.push(`table ${String(name)} does not read back: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } catch (error) {
    problems.push(`the database does not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  return problems;
}

/** A problem message when `actual` differs from `expected`, else nothing. */
export function same(what: string, actual: unknown, expected: unknown): string[] {
  const a = JSON.stringify(actual, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  const e = JSON.stringify(expected, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return a === e ? [] : [`${what}: ${a}, expected ${e}`];
}

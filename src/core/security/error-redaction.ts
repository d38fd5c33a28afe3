import { AppError } from '../../shared/errors';

/**
 * The only part of a failed untrusted statement's error that may travel on (to a model for
 * repair, the audit log, a thrown message kept in history): its class, where it points, and
 * the word of the statement itself at that spot, and names the message quotes that the statement
 * itself spells. The rest of an engine's message can quote data, a value that failed a cast, or
 * a line of a file a binder opened, so it is dropped.
 */
export function dataFreeSqlError(error: unknown, sql: string): string {
  const cls = errorClass(error);
  const position = error instanceof AppError ? error.position : undefined;
  const names = namesFromStatement(error instanceof Error ? error.message : String(error), sql);
  const mentions = names.length > 0 ? ` (mentions ${names.map((n) => `"${n}"`).join(', ')})` : '';
  if (!position) return cls + mentions;
  const near = /^(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)/u.exec(sql.slice(position.offset))?.[0];
  const word = near && near.length <= 64 ? ` near ${near.startsWith('"') ? near : `"${near}"`}` : '';
  return `${cls} at line ${position.line}, column ${position.column}${word}${mentions}`;
}

/** Identifiers the message quotes that are words of the statement: the caller wrote them, so they carry no data. */
function namesFromStatement(message: string, sql: string): string[] {
  const words = new Set(sql.match(/[A-Za-z_][A-Za-z0-9_]*/gu) ?? []);
  const quoted = [...message.matchAll(/["'`]([A-Za-z_][A-Za-z0-9_]{0,63})["'`]/gu)].map((m) => m[1] ?? '');
  return [...new Set(quoted.filter((q) => words.has(q)))].slice(0, 3);
}

/** DuckDB's "<Kind> Error" or a warehouse's [ERROR_CLASS]; anything else is just "SQL error". */
function errorClass(error: unknown): string {
  if (error instanceof AppError && error.code !== 'SQL_ERROR') return error.code;
  const message = error instanceof Error ? error.message : String(error);
  const duck = /^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3} Error)(?::|$)/u.exec(message)?.[1];
  if (duck) return duck;
  const spark = /\[([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)?)\]/u.exec(message)?.[1];
  return spark ? `[${spark}]` : 'SQL error';
}

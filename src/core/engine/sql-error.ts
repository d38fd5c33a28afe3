import { AppError, type SqlPosition } from '../../shared/errors';

const LINE_MARK = /\nLINE (\d+): (.*)\n( *)\^/;

/**
 * Finds where DuckDB's message points in the SQL. DuckDB prints the offending line
 * (sometimes shortened with "...") and a caret under the spot; we map that back to the text.
 */
export function sqlErrorPosition(message: string, sql: string): SqlPosition | undefined {
  const match = LINE_MARK.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const shown = match[2] ?? '';
  const prefix = `LINE ${match[1]}: `;
  let caret = (match[3] ?? '').length - prefix.length;
  const lines = sql.split('\n');
  const text = lines[line - 1];
  if (text === undefined || caret < 0) return undefined;
  let shownText = shown;
  if (shownText.startsWith('...')) {
    shownText = shownText.slice(3);
    caret -= 3;
  }
  if (shownText.endsWith('...')) shownText = shownText.slice(0, -3);
  const start = shownText.length > 0 ? text.indexOf(shownText.slice(0, 40)) : 0;
  const column = Math.max(0, start) + Math.max(0, caret);
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column;
  return { line, column: column + 1, offset };
}

/** The first line of DuckDB's message, without the echoed SQL. */
export function sqlErrorSummary(message: string): string {
  const cut = message.indexOf('\n\nLINE ');
  const head = cut >= 0 ? message.slice(0, cut) : message;
  return head.replace(/^Failed to (extract statements|prepare statement|execute prepared statement): /, '').trim();
}

export function isInterruptError(error: unknown): boolean {
  return error instanceof Error && /INTERRUPT Error|Interrupted!/.test(error.message);
}

/** Turns anything DuckDB throws into an AppError with its message and position. */
export function toSqlAppError(error: unknown, sql: string): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('SQL_ERROR', sqlErrorSummary(message), { position: sqlErrorPosition(message, sql) });
}

import { AppError } from '../shared/errors';

/** Prints a failure the way every command does: one clear message on stderr, exit code 1. */
export function reportError(error: unknown, sql?: string): never {
  if (error instanceof AppError) {
    let message = `error: ${error.message}`;
    if (error.position && sql) {
      const line = sql.split('\n')[error.position.line - 1] ?? '';
      message += `\n  at line ${error.position.line}, column ${error.position.column}\n    ${line}\n    ${' '.repeat(Math.max(0, error.position.column - 1))}^`;
    }
    process.stderr.write(message + '\n');
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
}

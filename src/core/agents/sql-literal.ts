/**
 * Evidence SQL must stand alone in the SQL editor, so agents bind their parameters as
 * literals. Values come from the database or the agent (never from free text a user typed),
 * and every one goes through this helper (strings through the shared quoteLiteral).
 */
import { AppError } from '../../shared/errors';
import { quoteLiteral } from '../../shared/sql/quote';

export type LiteralValue = string | number | boolean | null | { timestamp: string };

export function sqlLiteral(value: LiteralValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a SQL literal.`);
    return String(value);
  }
  if (typeof value === 'object') return `TIMESTAMP ${quoteLiteral(value.timestamp)}`;
  return quoteLiteral(value);
}

/** Replaces every `$name` in `sql` with the literal of `params[name]`; an unknown name is an error. */
export function bindLiterals(sql: string, params: Record<string, LiteralValue>): string {
  return sql.replace(/\$([a-z_][a-z0-9_]*)/gi, (_, name: string) => {
    if (!(name in params)) throw new AppError('INVALID_INPUT', `The SQL uses $${name} but no value was given for it.`);
    return sqlLiteral(params[name]!);
  });
}

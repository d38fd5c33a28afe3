import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { requirePython } from './python-env';

/** Statements (by label) that sqlglot cannot parse as Databricks SQL, with its message; one Python call for all. */
export function sqlglotDatabricksFailures(statements: Record<string, string>): Record<string, string> {
  const out = execFileSync(requirePython(), [join(import.meta.dirname, 'sqlglot_parse.py')], {
    input: JSON.stringify(statements),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as Record<string, string>;
}

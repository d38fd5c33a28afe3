import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { requirePython } from './python-env';

interface Parsed {
  label: string;
  ok: boolean;
  error: string | null;
  statements?: number;
}

/** Statements (by label) that sqlglot cannot parse as one Databricks SQL statement, with its message; one Python call for all. */
export function sqlglotDatabricksFailures(statements: Record<string, string>): Record<string, string> {
  const out = execFileSync(requirePython(), [join(import.meta.dirname, 'sqlglot-check.py')], {
    input: JSON.stringify(Object.entries(statements).map(([label, sql]) => ({ label, sql }))),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const failures: Record<string, string> = {};
  for (const r of JSON.parse(out) as Parsed[]) {
    if (!r.ok) failures[r.label] = r.error ?? 'does not parse';
    else if (r.statements !== 1) failures[r.label] = `expected one statement, found ${r.statements}`;
  }
  return failures;
}

import { lexSql } from './lex';

/**
 * Statements that run without asking: reading, describing, adding. Anything else (DROP, DELETE,
 * TRUNCATE, ALTER, UPDATE, CREATE OR REPLACE, DETACH, a verb we do not know…) asks first.
 */
const SAFE_FIRST = new Set([
  'SELECT',
  'FROM',
  'VALUES',
  'TABLE',
  'EXPLAIN',
  'DESCRIBE',
  'DESC',
  'SHOW',
  'SUMMARIZE',
  'PIVOT',
  'UNPIVOT',
  'INSERT',
  'CREATE',
  'SET',
  'USE',
  'BEGIN',
  'COMMIT',
]);
/** Words that make a WITH or CREATE statement change or replace existing data. */
const CHANGING = new Set(['DELETE', 'UPDATE', 'INSERT', 'MERGE', 'DROP', 'TRUNCATE', 'ALTER', 'REPLACE']);

/** The verb that makes a statement need a confirmation ("DROP", "CREATE OR REPLACE"…), or null when it can run as is. */
export function confirmationVerb(sql: string): string | null {
  const words = lexSql(sql)
    .filter((t) => t.kind !== 'comment')
    .map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.text));
  const first = words[0];
  if (first === undefined || first === '(') return null;
  if (first === 'WITH') {
    const verb = words.find((w) => CHANGING.has(w) && w !== 'REPLACE');
    return verb ?? null;
  }
  if (first === 'CREATE') return words[1] === 'OR' && words[2] === 'REPLACE' ? 'CREATE OR REPLACE' : null;
  return SAFE_FIRST.has(first) ? null : first;
}

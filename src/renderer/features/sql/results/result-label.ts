import type { ExecuteResult } from '../../../../shared/api';

const START_CHARS = 32;

/** The start of a statement on one line, comments and extra spaces dropped, cut with an ellipsis. */
export function statementStart(sql: string): string {
  const flat = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/;$/, '');
  return flat.length > START_CHARS ? `${flat.slice(0, START_CHARS - 1).trimEnd()}…` : flat;
}

/** "1.2 s", "85 ms": an elapsed time as people read it. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** "1,234 rows", "200+ rows" while the total is not known yet, or the statement type for DDL/DML. */
export function rowsText(result: ExecuteResult): string {
  if (result.columns.length === 0) return result.statementType.toLowerCase().replace(/_/g, ' ');
  const n = result.total ?? result.rows.length;
  const more = result.total === null && result.hasMore ? '+' : '';
  return `${n.toLocaleString('en-US')}${more} ${n === 1 && !more ? 'row' : 'rows'}`;
}

/** A result tab's label: statement start · rows · elapsed. */
export function resultLabel(sql: string, result: ExecuteResult): string {
  return `${statementStart(sql)} · ${rowsText(result)} · ${formatElapsed(result.elapsedMs)}`;
}

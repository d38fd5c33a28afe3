import type { QueryResult } from '../../shared/api';
import type { Engine } from '../engine/engine';
import { duckdbTarget, type SqlTarget } from '../engine/sql-target';
import { bindLiterals } from './sql-literal';
import type { AgentContext, Row } from './types';

const AGENT_QUERY_TIMEOUT_MS = 120_000;
const EVIDENCE_MAX_ROWS = 500;

export function toObjects(result: QueryResult): Row[] {
  return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i] ?? null])));
}

/** Builds the read helpers an agent runs with; every query honours the run's cancel signal. */
export function createContext(
  engine: Engine,
  extent: { anchor: string; events: number; scanEvents: number; scanMinutes: number },
  signal: AbortSignal,
  target: SqlTarget = duckdbTarget(engine),
): AgentContext {
  // Evidence literals come from data values (merchant names, reasons): what runs, and is shown and
  // handed to the SQL editor, goes through the target's gate like any SQL the app did not write.
  return {
    signal,
    anchor: extent.anchor,
    events: extent.events,
    scanEvents: extent.scanEvents,
    scanMinutes: extent.scanMinutes,
    async rows(sql, params) {
      const result = await engine.query(sql, {
        params,
        maxRows: 1_000_000,
        timeoutMs: AGENT_QUERY_TIMEOUT_MS,
        signal,
      });
      return toObjects(result);
    },
    async evidence(sql, params) {
      const bound = bindLiterals(sql, params).trim();
      const { result } = await target.run(bound, {
        maxRows: EVIDENCE_MAX_ROWS,
        timeoutMs: AGENT_QUERY_TIMEOUT_MS,
        signal,
        origin: 'An agent evidence query',
      });
      return { sql: bound, table: { columns: result.columns, rows: result.rows }, rows: toObjects(result), truncated: result.truncated };
    },
  };
}

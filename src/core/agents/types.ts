import type { AgentId, Cell, Severity, Table } from '../../shared/api';

/** The SQL behind a finding and the rows it returned; re-running `sql` gives `table` again. */
export interface Evidence {
  sql: string;
  table: Table;
}

/** One thing an agent found, before it is stored as a row of agent_recommendations. */
export interface Finding {
  /** Stable within the agent across runs, e.g. `outage:ProcessorA:2026-11-20 14:00:00`. */
  fingerprint: string;
  /** What the finding is about, so the orchestrator can tell two agents found the same thing. */
  subject: {
    key: string;
    windowStart?: string;
    windowEnd?: string;
    /** Subjects of symptoms this finding explains, e.g. an outage explains a rise in processing_error. */
    related?: string[];
  };
  severity: Severity;
  title: string;
  recommendation: string;
  evidence: Evidence;
  /** In words, e.g. "≈ 412 approvals (38,120.55 in value)". */
  expectedImpact: string;
  /** Value (sum of amounts) the action would win or protect; 0 when it is not money. */
  expectedImpactValue: number;
  narrative?: string | null;
}

/** What an agent gets: the data's extent and read helpers bound to the run's cancel signal. */
export interface AgentContext {
  signal: AbortSignal;
  /** Newest event in silver ('YYYY-MM-DD HH:MM:SS'): every window ends here. */
  anchor: string;
  events: number;
  /** Events in the last 7 days (the incident scans' period). */
  scanEvents: number;
  /** Minutes those events span: 7 days, or less for younger data. */
  scanMinutes: number;
  /** Runs a detection query with named parameters; rows come back as objects. */
  rows(sql: string, params: Record<string, string | number | boolean | null>): Promise<Row[]>;
  /** Binds the parameters as literals, runs the SQL and returns it with its rows as evidence. */
  evidence(sql: string, params: Record<string, string | number | boolean | null>): Promise<Evidence & { rows: Row[]; truncated: boolean }>;
}

export type Row = Record<string, Cell>;

/** A specialist agent: what it looks at and the analysis that turns data into findings. */
export interface Agent {
  id: Exclude<AgentId, 'orchestrator'>;
  name: string;
  looksAt: string;
  sources: string[];
  relatedViews: string[];
  analyze(ctx: AgentContext): Promise<Finding[]>;
}

export const num = (v: Cell | undefined): number => (typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
export const str = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v));

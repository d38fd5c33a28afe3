import type { PlanNode } from '../../shared/api';

interface RawPlan {
  name?: string;
  operator_name?: string;
  operator_type?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: RawPlan[];
}

function detailText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function toNode(raw: RawPlan, analyzed: boolean): PlanNode {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw.extra_info ?? {})) details[key] = detailText(value);
  return {
    name: (raw.operator_name ?? raw.name ?? raw.operator_type ?? 'OPERATOR').trim(),
    details,
    timingMs: analyzed && typeof raw.operator_timing === 'number' ? raw.operator_timing * 1000 : null,
    rows: analyzed && typeof raw.operator_cardinality === 'number' ? raw.operator_cardinality : null,
    children: (raw.children ?? []).map((c) => toNode(c, analyzed)),
  };
}

/**
 * Turns DuckDB's `EXPLAIN (FORMAT json)` output into a plan tree. The analysed form wraps
 * the plan in a query node (total latency) and an EXPLAIN_ANALYZE operator, both dropped.
 */
export function parsePlan(json: string, analyzed: boolean): { plan: PlanNode; totalMs: number | null } {
  const parsed = JSON.parse(json) as RawPlan | RawPlan[];
  if (Array.isArray(parsed)) {
    const roots = parsed.map((r) => toNode(r, false));
    const plan = roots.length === 1 ? roots[0]! : { name: 'PLAN', details: {}, timingMs: null, rows: null, children: roots };
    return { plan, totalMs: null };
  }
  const query = parsed as RawPlan & { latency?: number };
  let top: RawPlan[] = query.children ?? [];
  if (top.length === 1 && (top[0]!.operator_type ?? top[0]!.operator_name) === 'EXPLAIN_ANALYZE') top = top[0]!.children ?? [];
  const roots = top.map((r) => toNode(r, analyzed));
  const plan = roots.length === 1 ? roots[0]! : { name: 'QUERY', details: {}, timingMs: null, rows: null, children: roots };
  return { plan, totalMs: typeof query.latency === 'number' ? query.latency * 1000 : null };
}

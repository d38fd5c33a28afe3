import type { AgentId, Severity } from '../../shared/api';
import { fmtMoney } from './format';
import type { Finding } from './types';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export interface AgentFinding {
  agent: Exclude<AgentId, 'orchestrator'>;
  finding: Finding;
}

const toMs = (ts: string): number => Date.parse(ts.replace(' ', 'T') + 'Z');

/** Two findings are about the same thing: same (or explained) subject, and time windows that overlap when both have one. */
export function overlaps(a: Finding, b: Finding): boolean {
  const linked =
    a.subject.key === b.subject.key || a.subject.related?.includes(b.subject.key) || b.subject.related?.includes(a.subject.key);
  if (!linked) return false;
  const aw = window(a);
  const bw = window(b);
  if (!aw || !bw) return true;
  return aw[0] < bw[1] && bw[0] < aw[1];
}

function window(f: Finding): [number, number] | null {
  const { windowStart, windowEnd } = f.subject;
  if (!windowStart && !windowEnd) return null;
  const end = windowEnd ? toMs(windowEnd) : toMs(windowStart!) + 3_600_000;
  // A window with only an end is a "last 24 hours" comparison.
  const start = windowStart ? toMs(windowStart) : end - 24 * 3_600_000;
  return [start, end];
}

/** Most severe first, then the largest expected impact. */
export function rank<T extends AgentFinding>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
      b.finding.expectedImpactValue - a.finding.expectedImpactValue,
  );
}

/**
 * Keeps one finding per overlap group (the most severe, then the most valuable) and notes on it
 * which other agents saw the same thing.
 */
export function dedupe<T extends AgentFinding>(items: T[], names: Record<string, string>): { kept: T[]; removed: number } {
  const kept: T[] = [];
  let removed = 0;
  for (const item of rank(items)) {
    const twin = kept.find((k) => overlaps(k.finding, item.finding));
    if (!twin) {
      kept.push({ ...item, finding: { ...item.finding } });
      continue;
    }
    removed++;
    if (twin.agent !== item.agent) {
      twin.finding.recommendation += ` Also found by ${names[item.agent] ?? item.agent}: "${item.finding.title}".`;
    }
  }
  return { kept, removed };
}

/** The executive summary's text: counts by severity, the top three actions and the combined impact. */
export function summaryText(kept: AgentFinding[], names: Record<string, string>): { title: string; recommendation: string; total: number } {
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .map((s) => [s, kept.filter((k) => k.finding.severity === s).length] as const)
    .filter(([, n]) => n > 0);
  const total = kept.reduce((s, k) => s + k.finding.expectedImpactValue, 0);
  const top = kept.slice(0, 3).map((k, i) => `${i + 1}. ${k.finding.title} (${names[k.agent]}; ${k.finding.expectedImpact})`);
  const countText = counts.length ? counts.map(([s, n]) => `${n} ${s}`).join(', ') : 'nothing to act on';
  return {
    title: kept.length ? `Executive summary: ${kept.length} findings (${countText})` : 'Executive summary: no findings',
    recommendation: kept.length
      ? `Top priorities: ${top.join(' ')} Combined expected impact ≈ ${fmtMoney(total)} in value.`
      : 'The agents found nothing that needs action in this data set.',
    total,
  };
}

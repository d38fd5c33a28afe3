import type { AgentRun, Recommendation, Severity } from '../../../shared/api';

/** Interval choices for the schedule: the platform's cadences plus quick ones for demos. */
export const INTERVAL_CHOICES: { label: string; ms: number }[] = [
  { label: 'every minute (demo)', ms: 60_000 },
  { label: 'every 5 minutes (demo)', ms: 5 * 60_000 },
  { label: 'every 15 minutes', ms: 15 * 60_000 },
  { label: 'every hour', ms: 3_600_000 },
  { label: 'every 2 hours', ms: 2 * 3_600_000 },
  { label: 'every 4 hours', ms: 4 * 3_600_000 },
  { label: 'every 6 hours', ms: 6 * 3_600_000 },
  { label: 'every 12 hours', ms: 12 * 3_600_000 },
  { label: 'daily', ms: 24 * 3_600_000 },
  { label: 'weekly', ms: 7 * 24 * 3_600_000 },
];

export function intervalLabel(ms: number): string {
  return INTERVAL_CHOICES.find((c) => c.ms === ms)?.label ?? `every ${Math.round(ms / 60_000)} minutes`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatWhen(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export const STATUS_LABEL: Record<AgentRun['status'], string> = {
  running: 'running',
  succeeded: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  not_enough_data: 'not enough data',
};

export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Counts per severity for the list header. */
export function severityCounts(recs: Recommendation[]): Record<Severity, number> {
  const out = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const r of recs) out[r.severity]++;
  return out;
}

/** The newest executive summary among the recommendations, if any. */
export function latestSummary(recs: Recommendation[]): Recommendation | undefined {
  return recs.filter((r) => r.agent === 'orchestrator').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

/** Splits an executive summary into its lead and its numbered priorities ("1. … 2. …"). */
export function summaryLines(text: string): string[] {
  return text.split(/\s(?=\d\.\s)|\s(?=Combined expected impact)/).filter(Boolean);
}

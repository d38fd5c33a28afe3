import bucketsSql from './sql/buckets_by_dimension.sql?raw';
import windowSql from './sql/window_vs_baseline.sql?raw';
import type { AgentContext } from './types';
import { num, str } from './types';

/** One time bucket of one dimension value (a processor, a segment, or 'all'). */
export interface Bucket {
  value: string;
  start: string;
  attempts: number;
  approved: number;
  fraud: number;
  avgFraudScore: number;
  p95LatencyMs: number;
}

/** A run of consecutive flagged buckets of one value: the window an incident covers. */
export interface Episode {
  value: string;
  start: string;
  end: string;
  buckets: number;
}

/** Days the incident scans look back from the newest event. */
export const SCAN_DAYS = 7;

const BUCKET_CHOICES = [15, 30, 60, 120, 240];
const EVENTS_PER_BUCKET = 40;

/**
 * The shortest bucket in which each group (processor, segment …) expects enough events to judge:
 * short incidents stand out in dense data, sparse data still gets a verdict.
 */
export function chooseBucketMinutes(ctx: Pick<AgentContext, 'scanEvents' | 'scanMinutes'>, groups: number): number {
  const perMinute = ctx.scanEvents / Math.max(1, groups) / Math.max(1, ctx.scanMinutes);
  return BUCKET_CHOICES.find((m) => perMinute * m >= EVENTS_PER_BUCKET) ?? BUCKET_CHOICES[BUCKET_CHOICES.length - 1]!;
}

export async function loadBuckets(
  ctx: AgentContext,
  dimension: 'processor' | 'merchant_segment' | 'all',
  bucketMinutes: number,
): Promise<Bucket[]> {
  const rows = await ctx.rows(bucketsSql, { dimension, bucket_minutes: bucketMinutes, anchor: ctx.anchor, days: SCAN_DAYS });
  return rows.map((r) => ({
    value: str(r.dimension_value),
    start: str(r.bucket_start),
    attempts: num(r.attempts),
    approved: num(r.approved),
    fraud: num(r.fraud_count),
    avgFraudScore: num(r.avg_fraud_score),
    p95LatencyMs: num(r.p95_latency_ms),
  }));
}

const toMs = (ts: string): number => Date.parse(ts.replace(' ', 'T') + 'Z');
const toTs = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Merges flagged buckets of the same value that touch (or have one quiet bucket between them). */
export function mergeEpisodes(flagged: Bucket[], bucketMinutes: number): Episode[] {
  const step = bucketMinutes * 60_000;
  const sorted = [...flagged].sort((a, b) => a.value.localeCompare(b.value) || toMs(a.start) - toMs(b.start));
  const out: Episode[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    const start = toMs(b.start);
    if (last && last.value === b.value && start - toMs(last.end) <= step) {
      last.end = toTs(start + step);
      last.buckets += 1;
    } else {
      out.push({ value: b.value, start: b.start, end: toTs(start + step), buckets: 1 });
    }
  }
  return out;
}

/** Groups buckets by value with the value's totals, so each bucket can be tested against the rest. */
export function totalsByValue(buckets: Bucket[]): Map<string, { attempts: number; approved: number; fraud: number; buckets: Bucket[] }> {
  const m = new Map<string, { attempts: number; approved: number; fraud: number; buckets: Bucket[] }>();
  for (const b of buckets) {
    const t = m.get(b.value) ?? { attempts: 0, approved: 0, fraud: 0, buckets: [] };
    t.attempts += b.attempts;
    t.approved += b.approved;
    t.fraud += b.fraud;
    t.buckets.push(b);
    m.set(b.value, t);
  }
  return m;
}

/** "2026-11-20 14:00–15:15" for titles. */
export function describeWindow(e: { start: string; end: string }): string {
  const sameDay = e.start.slice(0, 10) === e.end.slice(0, 10);
  return `${e.start.slice(0, 16)}–${sameDay ? e.end.slice(11, 16) : e.end.slice(0, 16)}`;
}

/** The evidence for an episode: every value of `dimension` in the episode's window against its own baseline. */
export function episodeEvidence(ctx: AgentContext, dimension: 'processor' | 'merchant_segment', episode: Episode) {
  return ctx.evidence(windowSql, {
    dimension,
    window_start: episode.start,
    window_end: episode.end,
    anchor: ctx.anchor,
    days: SCAN_DAYS,
  });
}

import { chooseBucketMinutes, describeWindow, loadBuckets, episodeEvidence, mergeEpisodes, type Bucket } from '../episodes';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import featureSql from '../sql/feature_uplift.sql?raw';
import periodTotalsSql from '../sql/period_totals.sql?raw';
import { isSignificant, median, robustZ, round2, twoProportionZ } from '../stats';
import type { Agent, AgentContext, Finding } from '../types';
import { num, str } from '../types';

const KPI_DAYS = 30;
/** The platform's approval-rate target; alerts call anything under it critical. */
const TARGET_APPROVAL_PCT = 85;
const MIN_BUCKET_ATTEMPTS = 30;
/** A latency spike: a bucket's p95 at least twice the typical bucket's and far outside its spread. */
const SPIKE_RATIO = 2;
const SPIKE_ROBUST_Z = 6;
/** An approval drop (points) that makes a slow processor an outage rather than a latency spike. */
const OUTAGE_DROP_PP = 15;
const MIN_FEATURE_GAP = 0.03;
const MIN_FEATURE_ATTEMPTS = 100;

/** Performance Recommender: KPIs against targets, latency spikes, and 3-D Secure and network-token adoption. */
export const performanceRecommender: Agent = {
  id: 'performance_recommender',
  name: 'Performance Recommender',
  looksAt:
    'Approval rate against the 85% target over 30 days, p95 latency in short time buckets over 7 days, and approval with and without 3-D Secure and network tokens.',
  sources: ['payments_enriched_silver'],
  relatedViews: ['v_executive_kpis', 'v_system_performance', 'v_3ds_performance', 'v_solution_performance'],
  async analyze(ctx) {
    return [
      ...(await approvalTarget(ctx)),
      ...(await latencySpikes(ctx)),
      ...(await adoption(ctx, 'uses_3ds')),
      ...(await adoption(ctx, 'is_network_token')),
    ];
  },
};

async function approvalTarget(ctx: AgentContext): Promise<Finding[]> {
  const ev = await ctx.evidence(periodTotalsSql, { anchor: ctx.anchor, days: KPI_DAYS, target_pct: TARGET_APPROVAL_PCT });
  const r = ev.rows[0];
  if (!r || num(r.attempts) === 0) return [];
  const ratePct = num(r.approval_rate_pct);
  if (ratePct >= TARGET_APPROVAL_PCT) return [];
  const gap = TARGET_APPROVAL_PCT - ratePct;
  const approvals = (gap / 100) * num(r.attempts);
  const value = approvals * num(r.avg_ticket);
  return [
    {
      fingerprint: 'approval-below-target',
      subject: { key: 'kpi:approval_rate' },
      severity: ratePct < 75 ? 'critical' : 'high',
      title: `Approval rate ${fmtPct(ratePct)}% is below the ${TARGET_APPROVAL_PCT}% target over ${KPI_DAYS} days`,
      recommendation: `Close the ${fmtPct(gap)}-point gap to target: act on the routing, retry and decline findings first; they name the cells and reasons that cost the most approvals.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `≈ ${fmtInt(approvals)} approvals (${fmtMoney(value)} in value, +${fmtPct(gap)} approval points) per ${KPI_DAYS} days at target`,
      expectedImpactValue: round2(value),
    },
  ];
}

async function latencySpikes(ctx: AgentContext): Promise<Finding[]> {
  const bucketMinutes = chooseBucketMinutes(ctx, 1);
  const buckets = (await loadBuckets(ctx, 'all', bucketMinutes)).filter((b) => b.attempts >= MIN_BUCKET_ATTEMPTS);
  const typical = buckets.map((b) => b.p95LatencyMs);
  const normal = median(typical);
  const flagged: Bucket[] = buckets.filter(
    (b) => b.p95LatencyMs >= SPIKE_RATIO * normal && robustZ(b.p95LatencyMs, typical) >= SPIKE_ROBUST_Z,
  );
  const findings: Finding[] = [];
  for (const episode of mergeEpisodes(flagged, bucketMinutes)) {
    const ev = await episodeEvidence(ctx, 'processor', episode);
    const ratio = (r: (typeof ev.rows)[number]) => num(r.window_p95_latency_ms) / Math.max(1, num(r.baseline_p95_latency_ms));
    const ranked = ev.rows.filter((r) => num(r.window_attempts) > 0).sort((a, b) => ratio(b) - ratio(a));
    // A processor whose approvals also collapsed is having an outage (Smart Routing reports it), not just slowness.
    const outage = (r: (typeof ev.rows)[number]) => num(r.baseline_approval_rate_pct) - num(r.window_approval_rate_pct) >= OUTAGE_DROP_PP;
    const slow = ranked.filter((r) => ratio(r) >= SPIKE_RATIO && !outage(r));
    const worst = slow[0];
    if (!worst) continue;
    const affected = slow.map((r) => str(r.value));
    const scope = affected.length === ev.rows.length ? 'all processors' : affected.join(' and ');
    const attempts = slow.reduce((s, r) => s + num(r.window_attempts), 0);
    const lost = slow.reduce(
      (s, r) =>
        s +
        Math.max(
          0,
          ((num(r.baseline_approval_rate_pct) - num(r.window_approval_rate_pct)) / 100) * num(r.window_attempts) * num(r.window_avg_ticket),
        ),
      0,
    );
    findings.push({
      fingerprint: `latency-spike:${episode.start}`,
      subject: {
        key: affected.length === 1 ? `processor:${affected[0]}` : 'latency:all',
        windowStart: episode.start,
        windowEnd: episode.end,
      },
      severity: ratio(worst) >= 3 ? 'critical' : 'high',
      title: `Latency spike on ${scope}: p95 ${fmtInt(num(worst.window_p95_latency_ms))} ms against ${fmtInt(num(worst.baseline_p95_latency_ms))} ms (${describeWindow(episode)})`,
      recommendation: `Check ${scope} for the window: ${fmtInt(attempts)} attempts waited far longer than usual. Set a timeout-based failover and an alert on p95 latency above ${fmtInt(SPIKE_RATIO * num(worst.baseline_p95_latency_ms))} ms.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `${fmtInt(attempts)} attempts in the window; ${fmtMoney(lost)} in value of approvals lost against baseline`,
      expectedImpactValue: round2(lost),
    });
  }
  return findings;
}

async function adoption(ctx: AgentContext, feature: 'uses_3ds' | 'is_network_token'): Promise<Finding[]> {
  const params = { anchor: ctx.anchor, days: KPI_DAYS, feature, risky_only: feature === 'uses_3ds' };
  const ev = await ctx.evidence(featureSql, params);
  const withIt = ev.rows.find((r) => r.feature_used === true);
  const without = ev.rows.find((r) => r.feature_used === false);
  if (!withIt || !without || num(withIt.attempts) < MIN_FEATURE_ATTEMPTS || num(without.attempts) < MIN_FEATURE_ATTEMPTS) return [];
  const t = twoProportionZ(num(withIt.approved), num(withIt.attempts), num(without.approved), num(without.attempts));
  if (!t || t.diff < MIN_FEATURE_GAP || !isSignificant(t.pValue, 2)) return [];
  const [totals] = await ctx.rows(periodTotalsSql, { anchor: ctx.anchor, days: KPI_DAYS, target_pct: TARGET_APPROVAL_PCT });
  const gain = t.diff * num(without.attempts);
  const value = gain * num(without.avg_ticket);
  const points = (100 * gain) / Math.max(1, num(totals?.attempts));
  const name = feature === 'uses_3ds' ? '3-D Secure' : 'network tokens';
  const scope = feature === 'uses_3ds' ? 'MEDIUM- and HIGH-risk attempts' : 'attempts';
  return [
    {
      fingerprint: `adoption:${feature}`,
      subject: { key: `adoption:${feature}` },
      severity: points >= 0.5 ? 'medium' : 'low',
      title: `${name[0]!.toUpperCase()}${name.slice(1)} lift approval to ${fmtPct(num(withIt.approval_rate_pct))}% from ${fmtPct(num(without.approval_rate_pct))}% on ${scope}`,
      recommendation: `Extend ${name} to the ${fmtInt(num(without.attempts))} ${scope} that go without them; the gap is significant over ${KPI_DAYS} days. The impact is an upper bound: it assumes they would approve like those that use ${name} today.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `up to ≈ ${fmtInt(gain)} approvals (${fmtMoney(value)} in value, +${points.toFixed(2)} approval points) per ${KPI_DAYS} days`,
      expectedImpactValue: round2(value),
    },
  ];
}

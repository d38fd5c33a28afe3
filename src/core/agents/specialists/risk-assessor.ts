import { chooseBucketMinutes, describeWindow, loadBuckets, episodeEvidence, mergeEpisodes, totalsByValue, type Bucket } from '../episodes';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import highRiskSql from '../sql/high_risk_approvals.sql?raw';
import merchantSql from '../sql/merchant_fraud_trend.sql?raw';
import { binomialUpperTail, isSignificant, round2, twoProportionZ } from '../stats';
import type { Agent, AgentContext, Finding, Row } from '../types';
import { num, str } from '../types';

const MIN_BUCKET_ATTEMPTS = 20;
/** An attack: the segment's fraud rate rises by at least this much and to at least 3× its own baseline. */
const ATTACK_RISE = 0.05;
const ATTACK_RATIO = 3;
/** A bucket needs this many frauds to be looked at, and a window this many to be called critical. */
const MIN_BUCKET_FRAUDS = 5;
const CRITICAL_WINDOW_FRAUDS = 15;
const MIN_MERCHANT_ATTEMPTS = 50;
const MERCHANT_RISE = 0.03;
const MAX_MERCHANT_FINDINGS = 3;
/** Approved HIGH-tier traffic whose fraud rate exceeds this calls for step-up authentication. */
const HIGH_RISK_FRAUD_RATE = 10;
const MIN_HIGH_RISK_APPROVED = 30;
const RISK_DAYS = 30;

/** Risk Assessor: fraud attacks on a segment, merchants with rising fraud, and fraud slipping through on risky approvals. */
export const riskAssessor: Agent = {
  id: 'risk_assessor',
  name: 'Risk Assessor',
  looksAt:
    'Fraud rate per merchant segment in short time buckets over 7 days, merchants whose fraud rose week on week, and fraud among HIGH-risk approvals.',
  sources: ['payments_enriched_silver'],
  relatedViews: ['v_fraud_risk_summary', 'v_risk_distribution', 'v_merchant_performance'],
  async analyze(ctx) {
    const attacks = await findAttacks(ctx);
    const attacked = new Set(attacks.map((f) => f.subject.key));
    return [...attacks, ...(await findMerchants(ctx, attacked)), ...(await findHighRiskApprovals(ctx))];
  },
};

async function findAttacks(ctx: AgentContext): Promise<Finding[]> {
  const bucketMinutes = chooseBucketMinutes(ctx, 8);
  const bySegment = totalsByValue(await loadBuckets(ctx, 'merchant_segment', bucketMinutes));
  const tests = [...bySegment.values()].reduce((n, t) => n + t.buckets.length, 0);
  const flagged: Bucket[] = [];
  for (const total of bySegment.values()) {
    for (const b of total.buckets) {
      if (b.attempts < MIN_BUCKET_ATTEMPTS || b.fraud < MIN_BUCKET_FRAUDS) continue;
      const baseline = (total.fraud - b.fraud) / Math.max(1, total.attempts - b.attempts);
      const rate = b.fraud / b.attempts;
      // Fraud is rare: judge the bucket's count by the exact binomial tail under the segment's own rate.
      const pValue = binomialUpperTail(b.fraud, b.attempts, Math.max(baseline, 1e-4));
      if (rate - baseline >= ATTACK_RISE && rate >= ATTACK_RATIO * baseline && isSignificant(pValue, tests)) flagged.push(b);
    }
  }
  const findings: Finding[] = [];
  for (const episode of mergeEpisodes(flagged, bucketMinutes)) {
    const ev = await episodeEvidence(ctx, 'merchant_segment', episode);
    const row = ev.rows.find((r) => r.value === episode.value);
    if (!row) continue;
    const windowRate = num(row.window_fraud_rate_pct);
    const baseRate = num(row.baseline_fraud_rate_pct);
    const ratio = baseRate > 0 ? windowRate / baseRate : Infinity;
    const loss = num(row.window_approved_fraud_value);
    const critical = ratio >= ATTACK_RATIO && windowRate - baseRate >= 10 && num(row.window_fraud_count) >= CRITICAL_WINDOW_FRAUDS;
    findings.push({
      fingerprint: `fraud-attack:${episode.value}:${episode.start}`,
      subject: {
        key: `merchant_segment:${episode.value}`,
        windowStart: episode.start,
        windowEnd: episode.end,
        related: ['decline_reason:suspected_fraud', 'decline_reason:authentication_failed'],
      },
      severity: critical ? 'critical' : 'high',
      title: `${critical ? 'Fraud attack' : 'Fraud spike'} on ${episode.value}: ${fmtPct(windowRate)}% fraud against ${fmtPct(baseRate)}% baseline (${describeWindow(episode)})`,
      recommendation: `Tighten fraud rules for ${episode.value} merchants: require 3-D Secure and lower the fraud-score threshold while it lasts (average fraud score ${num(row.window_avg_fraud_score).toFixed(4)} in the window). ${fmtInt(num(row.window_fraud_count))} fraudulent attempts hit the segment in the window.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `${fmtMoney(loss)} of approved fraud in the window to prevent`,
      expectedImpactValue: round2(loss),
    });
  }
  return findings;
}

function merchantTest(r: Row, tests: number) {
  if (num(r.recent_attempts) < MIN_MERCHANT_ATTEMPTS || num(r.previous_attempts) < MIN_MERCHANT_ATTEMPTS) return null;
  const t = twoProportionZ(num(r.recent_fraud_count), num(r.recent_attempts), num(r.previous_fraud_count), num(r.previous_attempts));
  return t && t.diff >= MERCHANT_RISE && t.p1 >= 2 * t.p2 && isSignificant(t.pValue, tests) ? t : null;
}

async function findMerchants(ctx: AgentContext, attacked: Set<string>): Promise<Finding[]> {
  const rows = await ctx.rows(merchantSql, { anchor: ctx.anchor, merchant_id: null });
  const candidates = rows
    .filter((r) => !attacked.has(`merchant_segment:${str(r.merchant_segment)}`) && merchantTest(r, rows.length))
    .sort((a, b) => num(b.recent_approved_fraud_value) - num(a.recent_approved_fraud_value))
    .slice(0, MAX_MERCHANT_FINDINGS);
  const findings: Finding[] = [];
  for (const c of candidates) {
    const ev = await ctx.evidence(merchantSql, { anchor: ctx.anchor, merchant_id: str(c.merchant_id) });
    const r = ev.rows[0];
    const t = r && merchantTest(r, rows.length);
    if (!r || !t) continue;
    findings.push({
      fingerprint: `merchant-fraud:${str(r.merchant_id)}`,
      subject: { key: `merchant:${str(r.merchant_id)}` },
      severity: t.diff >= 0.1 ? 'high' : 'medium',
      title: `Fraud at ${str(r.merchant_name)} rose to ${fmtPct(num(r.recent_fraud_rate_pct))}% this week (from ${fmtPct(num(r.previous_fraud_rate_pct))}%)`,
      recommendation: `Review ${str(r.merchant_name)} (${str(r.merchant_segment)}): ${fmtInt(num(r.recent_fraud_count))} fraudulent attempts in the last 7 days. Require 3-D Secure on its card-not-present traffic until the rate is back to baseline.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `${fmtMoney(num(r.recent_approved_fraud_value))} of approved fraud in 7 days to prevent`,
      expectedImpactValue: round2(num(r.recent_approved_fraud_value)),
    });
  }
  return findings;
}

async function findHighRiskApprovals(ctx: AgentContext): Promise<Finding[]> {
  const ev = await ctx.evidence(highRiskSql, { anchor: ctx.anchor, days: RISK_DAYS });
  const high = ev.rows.find((r) => r.risk_tier === 'HIGH');
  if (!high || num(high.approved) < MIN_HIGH_RISK_APPROVED || num(high.approved_fraud_rate_pct) < HIGH_RISK_FRAUD_RATE) return [];
  const loss = num(high.approved_fraud_value);
  return [
    {
      fingerprint: 'high-risk-approvals',
      subject: { key: 'risk_tier:HIGH' },
      severity: num(high.approved_fraud_rate_pct) >= 30 ? 'high' : 'medium',
      title: `${fmtPct(num(high.approved_fraud_rate_pct))}% of approved HIGH-risk transactions were fraud in ${RISK_DAYS} days`,
      recommendation: `Step up HIGH-risk-tier transactions to 3-D Secure before approving: only ${fmtPct(num(high.approved_3ds_rate_pct))}% of approved HIGH-risk ones used it, and ${fmtInt(num(high.approved_fraud_count))} of them were fraud.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `${fmtMoney(loss)} of approved fraud per ${RISK_DAYS} days to prevent`,
      expectedImpactValue: round2(loss),
    },
  ];
}

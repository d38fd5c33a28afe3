import { fmtInt, fmtMoney, fmtPct } from '../format';
import periodTotalsSql from '../sql/period_totals.sql?raw';
import retrySql from '../sql/retry_by_wait.sql?raw';
import { isSignificant, round2, twoProportionZ } from '../stats';
import type { Agent, Finding, Row } from '../types';
import { num, str } from '../types';

const RETRY_DAYS = 30;
/** A wait bucket needs this many retries before its success rate counts. */
const MIN_RETRIES = 30;
/** Retrying pays when at least this share of retries is approved. */
const WORTH_RETRYING = 0.15;
/** Retries that succeed less often than this waste attempts (and count against the approval rate). */
const WASTEFUL = 0.05;
const MIN_UNRETRIED = 20;

/** Smart Retry: soft declines worth retrying (and after which wait), and retries that only waste attempts. */
export const smartRetry: Agent = {
  id: 'smart_retry',
  name: 'Smart Retry',
  looksAt: 'Retries over 30 days by original decline reason and wait before retrying: success rates, unretried declines and their value.',
  sources: ['payments_enriched_silver'],
  relatedViews: ['v_retry_performance', 'v_decline_recovery_opportunities'],
  async analyze(ctx) {
    const [totals] = await ctx.rows(periodTotalsSql, { anchor: ctx.anchor, days: RETRY_DAYS, target_pct: 85 });
    const attempts = num(totals?.attempts);
    const approved = num(totals?.approved);
    const rows = await ctx.rows(retrySql, { anchor: ctx.anchor, days: RETRY_DAYS, decline_reason: null });
    const reasons = [...new Set(rows.map((r) => str(r.decline_reason)))];
    const findings: Finding[] = [];
    for (const reason of reasons) {
      const reasonRows = rows.filter((r) => r.decline_reason === reason);
      if (!recoveryCandidate(reasonRows) && !wasteCandidate(reasonRows)) continue;
      const ev = await ctx.evidence(retrySql, { anchor: ctx.anchor, days: RETRY_DAYS, decline_reason: reason });
      const recovery = recoveryFinding(reason, ev.rows, attempts, reasons.length * 5);
      if (recovery) findings.push({ ...recovery, evidence: { sql: ev.sql, table: ev.table } });
      const waste = wasteFinding(reason, ev.rows, attempts, approved);
      if (waste) findings.push({ ...waste, evidence: { sql: ev.sql, table: ev.table } });
    }
    return findings;
  },
};

const rate = (r: Row): number => num(r.recovered) / Math.max(1, num(r.retries));

function recoveryCandidate(rows: Row[]): Row | undefined {
  const best = rows.filter((r) => num(r.retries) >= MIN_RETRIES).sort((a, b) => rate(b) - rate(a))[0];
  return best && rate(best) >= WORTH_RETRYING && num(best.unretried_declines) >= MIN_UNRETRIED ? best : undefined;
}

function wasteCandidate(rows: Row[]): Row[] | undefined {
  const waste = rows.filter((r) => num(r.retries) >= MIN_RETRIES && rate(r) < WASTEFUL);
  return waste.length ? waste : undefined;
}

type Draft = Omit<Finding, 'evidence'>;

function recoveryFinding(reason: string, rows: Row[], attempts: number, tests: number): Draft | null {
  const best = recoveryCandidate(rows);
  if (!best) return null;
  const bestRate = rate(best);
  const recoveries = num(best.unretried_declines) * bestRate;
  const value = num(best.unretried_value) * bestRate;
  const points = attempts > 0 ? (100 * recoveries) / attempts : 0;
  const mostUsed = [...rows].sort((a, b) => num(b.retries) - num(a.retries))[0]!;
  let waitAdvice = '';
  if (mostUsed !== best) {
    const t = twoProportionZ(num(best.recovered), num(best.retries), num(mostUsed.recovered), num(mostUsed.retries));
    if (t && t.diff > 0 && isSignificant(t.pValue, tests)) {
      waitAdvice = ` Most retries now go ${str(mostUsed.wait_bucket)} after the decline and succeed ${fmtPct(num(mostUsed.success_rate_pct))}% of the time; waiting ${str(best.wait_bucket)} succeeds ${fmtPct(num(best.success_rate_pct))}%.`;
    }
  }
  return {
    fingerprint: `retry-recovery:${reason}`,
    subject: { key: `retry:${reason}` },
    severity: points >= 0.5 ? 'high' : points >= 0.1 ? 'medium' : 'low',
    title: `Retry ${reason} declines after ${str(best.wait_bucket)}: ${fmtPct(num(best.success_rate_pct))}% of those retries are approved`,
    recommendation: `Retry first-attempt ${reason} declines once, ${str(best.wait_bucket)} after the decline; ${fmtInt(num(best.unretried_declines))} of them were never retried in the last ${RETRY_DAYS} days.${waitAdvice}`,
    expectedImpact: `≈ ${fmtInt(recoveries)} recovered approvals (${fmtMoney(value)} in value, +${points.toFixed(2)} approval points) per ${RETRY_DAYS} days`,
    expectedImpactValue: round2(value),
  };
}

function wasteFinding(reason: string, rows: Row[], attempts: number, approved: number): Draft | null {
  const waste = wasteCandidate(rows);
  if (!waste) return null;
  const wasted = waste.reduce((s, r) => s + num(r.retries) - num(r.recovered), 0);
  const lostRecoveries = waste.reduce((s, r) => s + num(r.recovered), 0);
  // Dropping those retries removes failed attempts from the denominator of the approval rate.
  const points = attempts > wasted ? 100 * ((approved - lostRecoveries) / (attempts - wasted - lostRecoveries) - approved / attempts) : 0;
  const buckets = waste.map((r) => `${str(r.wait_bucket)} (${fmtPct(num(r.success_rate_pct))}% of ${fmtInt(num(r.retries))})`).join(', ');
  return {
    fingerprint: `retry-waste:${reason}:${waste.map((r) => str(r.wait_order)).join('-')}`,
    subject: { key: `retry-waste:${reason}` },
    severity: wasted >= attempts * 0.01 ? 'medium' : 'low',
    title: `Stop retrying ${reason} declines ${waste.map((r) => str(r.wait_bucket)).join(' or ')} after the decline: almost none succeed`,
    recommendation: `Retries of ${reason} declines succeed too rarely to be worth an attempt in these waits: ${buckets}. Drop them (or wait longer) to save ${fmtInt(wasted)} failed attempts per ${RETRY_DAYS} days.`,
    expectedImpact: `${fmtInt(wasted)} fewer failed attempts, ${points >= 0 ? '+' : ''}${points.toFixed(2)} approval points on the measured rate`,
    expectedImpactValue: 0,
  };
}

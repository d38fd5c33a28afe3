import { fmtInt, fmtMoney, fmtPct } from '../format';
import shiftSql from '../sql/shift_by_dimension.sql?raw';
import { isSignificant, round2, twoProportionZ } from '../stats';
import type { Agent, AgentContext, Finding, Row } from '../types';
import { num, str } from '../types';

const RECENT_HOURS = 24;
const BASELINE_DAYS = 7;
const MIN_RECENT = 50;
const MIN_BASELINE = 200;
/** A decline reason has risen when its share of attempts grows by this much (fraction) and by half again. */
const MIN_REASON_RISE = 0.005;
/** A segment, country or network has worsened when its approval rate drops by this much. */
const MIN_APPROVAL_DROP = 0.03;
const APPROVAL_DIMENSIONS = ['merchant_segment', 'issuer_country', 'card_network'] as const;

/** Decline Analyst: what changed in the last day against the week before — reasons, segments, countries, networks. */
export const declineAnalyst: Agent = {
  id: 'decline_analyst',
  name: 'Decline Analyst',
  looksAt: 'The last 24 hours against the 7 days before: decline reasons, merchant segments, issuer countries and card networks.',
  sources: ['payments_enriched_silver'],
  relatedViews: ['v_top_decline_reasons', 'v_merchant_segment_performance', 'v_card_network_performance'],
  async analyze(ctx) {
    const findings = await reasonShifts(ctx);
    for (const dimension of APPROVAL_DIMENSIONS) findings.push(...(await approvalShifts(ctx, dimension)));
    return findings;
  },
};

const params = (ctx: AgentContext, dimension: string, value: string | null) => ({
  dimension,
  value,
  anchor: ctx.anchor,
  recent_hours: RECENT_HOURS,
  baseline_days: BASELINE_DAYS,
});

function test(r: Row, tests: number) {
  if (num(r.recent_attempts) < MIN_RECENT || num(r.baseline_attempts) < MIN_BASELINE) return null;
  const t = twoProportionZ(num(r.recent_hits), num(r.recent_attempts), num(r.baseline_hits), num(r.baseline_attempts));
  return t && isSignificant(t.pValue, tests) ? t : null;
}

async function reasonShifts(ctx: AgentContext): Promise<Finding[]> {
  const rows = await ctx.rows(shiftSql, params(ctx, 'decline_reason', null));
  const findings: Finding[] = [];
  for (const candidate of rows) {
    const t = test(candidate, rows.length);
    if (!t || t.diff < MIN_REASON_RISE || t.p1 < 1.5 * t.p2) continue;
    const reason = str(candidate.value);
    const ev = await ctx.evidence(shiftSql, params(ctx, 'decline_reason', reason));
    const r = ev.rows[0];
    const checked = r && test(r, rows.length);
    if (!r || !checked) continue;
    const extra = checked.diff * num(r.recent_attempts);
    const value = extra * num(r.recent_avg_ticket);
    findings.push({
      fingerprint: `decline-reason:${reason}:${ctx.anchor.slice(0, 13)}`,
      subject: { key: `decline_reason:${reason}`, windowStart: undefined, windowEnd: ctx.anchor },
      severity: checked.diff >= 0.05 ? 'high' : checked.diff >= 0.02 ? 'medium' : 'low',
      title: `${reason} declines rose to ${fmtPct(checked.p1 * 100)}% of attempts in the last ${RECENT_HOURS} h (from ${fmtPct(checked.p2 * 100)}%)`,
      recommendation: `Find out what drives the rise in ${reason}: ${fmtInt(num(r.recent_hits))} in the last ${RECENT_HOURS} hours. Check the issuers, processors and merchants behind it in the evidence and the Decline Analysis dashboard.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `≈ ${fmtInt(extra)} extra declines (${fmtMoney(value)} in value) in ${RECENT_HOURS} h against the baseline`,
      expectedImpactValue: round2(value),
    });
  }
  return findings;
}

async function approvalShifts(ctx: AgentContext, dimension: (typeof APPROVAL_DIMENSIONS)[number]): Promise<Finding[]> {
  const rows = await ctx.rows(shiftSql, params(ctx, dimension, null));
  const findings: Finding[] = [];
  for (const candidate of rows) {
    const t = test(candidate, rows.length);
    if (!t || -t.diff < MIN_APPROVAL_DROP) continue;
    const value = str(candidate.value);
    const ev = await ctx.evidence(shiftSql, params(ctx, dimension, value));
    const r = ev.rows[0];
    const checked = r && test(r, rows.length);
    if (!r || !checked) continue;
    const lost = -checked.diff * num(r.recent_attempts);
    const money = lost * num(r.recent_avg_ticket);
    const label = dimension.replace('_', ' ');
    findings.push({
      fingerprint: `approval-drop:${dimension}:${value}:${ctx.anchor.slice(0, 13)}`,
      subject: { key: `${dimension}:${value}`, windowEnd: ctx.anchor },
      severity: -checked.diff >= 0.1 ? 'high' : 'medium',
      title: `Approval for ${label} ${value} fell to ${fmtPct(checked.p1 * 100)}% in the last ${RECENT_HOURS} h (from ${fmtPct(checked.p2 * 100)}%)`,
      recommendation: `Look into ${label} ${value}: its approval rate dropped ${fmtPct(-checked.diff * 100)} points against the previous ${BASELINE_DAYS} days. Compare its decline reasons with the baseline before changing rules.`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `≈ ${fmtInt(lost)} approvals (${fmtMoney(money)} in value) lost in ${RECENT_HOURS} h`,
      expectedImpactValue: round2(money),
    });
  }
  return findings;
}

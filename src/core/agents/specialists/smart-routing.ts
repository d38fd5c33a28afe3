import { describeWindow, chooseBucketMinutes, loadBuckets, episodeEvidence, mergeEpisodes, totalsByValue, type Bucket } from '../episodes';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import routingCellsSql from '../sql/routing_cells.sql?raw';
import { binomialUpperTail, isSignificant, round2, twoProportionZ } from '../stats';
import type { Agent, AgentContext, Finding, Row } from '../types';
import { num, str } from '../types';

/** A bucket needs this many attempts before its approval rate is judged. */
const MIN_BUCKET_ATTEMPTS = 20;
/** An outage is an approval drop of at least this much (as a fraction) against the processor's own baseline. */
const OUTAGE_DROP = 0.15;
/** Each processor in a routing cell needs this many attempts to be compared. */
const MIN_CELL_ATTEMPTS = 100;
/** The smallest approval gap between processors worth re-routing for. */
const MIN_ROUTING_GAP = 0.02;
const ROUTING_DAYS = 30;
const MAX_ROUTING_FINDINGS = 5;

/** Smart Routing: processor outages, and network × country cells where another processor approves more. */
export const smartRouting: Agent = {
  id: 'smart_routing',
  name: 'Smart Routing',
  looksAt:
    'Approval by processor × card network × issuer country over 30 days, and each processor in short time buckets (15 min to 4 h) over 7 days for outages.',
  sources: ['payments_enriched_silver'],
  relatedViews: ['v_routing_performance'],
  async analyze(ctx) {
    return [...(await findOutages(ctx)), ...(await findRoutingUplift(ctx))];
  },
};

async function findOutages(ctx: AgentContext): Promise<Finding[]> {
  const bucketMinutes = chooseBucketMinutes(ctx, 3);
  const byProcessor = totalsByValue(await loadBuckets(ctx, 'processor', bucketMinutes));
  const tests = [...byProcessor.values()].reduce((n, t) => n + t.buckets.length, 0);
  const flagged: Bucket[] = [];
  for (const total of byProcessor.values()) {
    for (const b of total.buckets) {
      if (b.attempts < MIN_BUCKET_ATTEMPTS) continue;
      const baseDeclineRate = 1 - (total.approved - b.approved) / Math.max(1, total.attempts - b.attempts);
      const declines = b.attempts - b.approved;
      const drop = declines / b.attempts - baseDeclineRate;
      // Exact binomial tail of the bucket's declines under the processor's own decline rate.
      const pValue = binomialUpperTail(declines, b.attempts, Math.max(baseDeclineRate, 1e-4));
      if (drop >= OUTAGE_DROP && isSignificant(pValue, tests)) flagged.push(b);
    }
  }
  const findings: Finding[] = [];
  for (const episode of mergeEpisodes(flagged, bucketMinutes)) {
    const ev = await episodeEvidence(ctx, 'processor', episode);
    const row = ev.rows.find((r) => r.value === episode.value);
    if (!row) continue;
    const windowRate = num(row.window_approval_rate_pct);
    const baseRate = num(row.baseline_approval_rate_pct);
    const lost = Math.max(0, ((baseRate - windowRate) / 100) * num(row.window_attempts));
    const value = lost * num(row.window_avg_ticket);
    const alternative = ev.rows
      .filter((r) => r.value !== episode.value && num(r.window_attempts) > 0)
      .sort((a, b) => num(b.window_approval_rate_pct) - num(a.window_approval_rate_pct))[0];
    const drop = baseRate - windowRate;
    findings.push({
      fingerprint: `outage:${episode.value}:${episode.start}`,
      subject: {
        key: `processor:${episode.value}`,
        windowStart: episode.start,
        windowEnd: episode.end,
        related: ['decline_reason:issuer_unavailable', 'decline_reason:processing_error', `latency:${episode.value}`],
      },
      severity: drop >= 30 || windowRate < 50 ? 'critical' : 'high',
      title: `${episode.value} outage: approval ${fmtPct(windowRate)}% against ${fmtPct(baseRate)}% baseline (${describeWindow(episode)})`,
      recommendation:
        `Fail over ${episode.value} traffic` +
        (alternative
          ? ` to ${str(alternative.value)} (${fmtPct(num(alternative.window_approval_rate_pct))}% approval in the same window)`
          : '') +
        ` when its approval rate drops like this, and alert on its technical declines (${fmtInt(num(row.window_technical_declines))} issuer_unavailable or processing_error in the window).`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `≈ ${fmtInt(lost)} approvals (${fmtMoney(value)} in value) lost in the window`,
      expectedImpactValue: round2(value),
    });
  }
  return findings;
}

interface CellUplift {
  best: Row;
  moves: { from: Row; gain: number; value: number }[];
  gain: number;
  value: number;
}

/** Which processors in one cell approve significantly less than the cell's best, and what moving them would win. */
function cellUplift(rows: Row[], tests: number): CellUplift | null {
  const eligible = rows.filter((r) => num(r.attempts) >= MIN_CELL_ATTEMPTS);
  if (eligible.length < 2) return null;
  const best = [...eligible].sort((a, b) => num(b.approved) / num(b.attempts) - num(a.approved) / num(a.attempts))[0]!;
  const moves: CellUplift['moves'] = [];
  for (const r of eligible) {
    if (r === best) continue;
    const t = twoProportionZ(num(best.approved), num(best.attempts), num(r.approved), num(r.attempts));
    if (!t || t.diff < MIN_ROUTING_GAP || !isSignificant(t.pValue, tests)) continue;
    const gain = t.diff * num(r.attempts);
    moves.push({ from: r, gain, value: gain * num(r.avg_ticket) });
  }
  if (moves.length === 0) return null;
  return { best, moves, gain: moves.reduce((s, m) => s + m.gain, 0), value: moves.reduce((s, m) => s + m.value, 0) };
}

async function findRoutingUplift(ctx: AgentContext): Promise<Finding[]> {
  const params = { anchor: ctx.anchor, days: ROUTING_DAYS, card_network: null, issuer_country: null };
  const rows = await ctx.rows(routingCellsSql, params);
  const totalAttempts = rows.reduce((s, r) => s + num(r.attempts), 0);
  const cells = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${str(r.card_network)}|${str(r.issuer_country)}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const tests = [...cells.values()].reduce((n, c) => n + Math.max(0, c.length - 1), 0);
  const candidates = [...cells.entries()]
    .map(([key, cellRows]) => ({ key, uplift: cellUplift(cellRows, tests) }))
    .filter((c): c is { key: string; uplift: CellUplift } => c.uplift !== null)
    .sort((a, b) => b.uplift.value - a.uplift.value)
    .slice(0, MAX_ROUTING_FINDINGS);
  const findings: Finding[] = [];
  for (const c of candidates) {
    const [network, country] = c.key.split('|') as [string, string];
    const ev = await ctx.evidence(routingCellsSql, { ...params, card_network: network, issuer_country: country });
    const u = cellUplift(ev.rows, tests);
    if (!u) continue;
    const points = totalAttempts > 0 ? (100 * u.gain) / totalAttempts : 0;
    const best = str(u.best.processor);
    const from = u.moves.map((m) => `${str(m.from.processor)} (${fmtPct(num(m.from.approval_rate_pct))}%)`).join(' and ');
    findings.push({
      fingerprint: `routing:${network}:${country}`,
      subject: { key: `routing:${network}:${country}` },
      severity: points >= 0.5 ? 'high' : points >= 0.1 ? 'medium' : 'low',
      title: `Route ${network} cards issued in ${country} to ${best}: ${fmtPct(num(u.best.approval_rate_pct))}% approval against ${from}`,
      recommendation: `Send ${network} / ${country} traffic that now goes to ${u.moves.map((m) => str(m.from.processor)).join(' and ')} to ${best}; the gap is significant over the last ${ROUTING_DAYS} days (two-proportion z-test, Bonferroni-corrected).`,
      evidence: { sql: ev.sql, table: ev.table },
      expectedImpact: `≈ ${fmtInt(u.gain)} more approvals (${fmtMoney(u.value)} in value, +${points.toFixed(2)} approval points) per ${ROUTING_DAYS} days`,
      expectedImpactValue: round2(u.value),
    });
  }
  return findings;
}

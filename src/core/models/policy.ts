import type { PolicyResult, PolicyThresholds } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { FeatureSpec, ModelName } from '../../shared/models/schema';
import type { SqlTarget } from '../engine/sql-target';
import { checkFilter, columnarOf, type CohortFrame } from './cohort';
import { COUNTRIES, DECLINE_REASONS, DEFINITIONS, RETRY_WAITS } from './definitions';
import { frameSql, readFrame, type FrameFeature } from './frame';
import type { LocalModel } from './local-model';
import type { ModelRegistry } from './registry';
import { argmax, scoreFrame } from './scoring';
import policySql from './sql/policy_cohort.sql?raw';
import ratesSql from './sql/routing_rates.sql?raw';
import { requireSilver } from './trainer';

const EXTRA: FrameFeature[] = [
  { name: 'merchant_country', type: 'category', categories: COUNTRIES },
  { name: 'aml_risk_score', type: 'number' },
  { name: 'event_hour', type: 'integer' },
  { name: 'decline_reason', type: 'category', categories: [...DECLINE_REASONS, 'none'] },
  { name: 'is_fraud', type: 'boolean' },
  { name: 'recovered', type: 'boolean' },
];

/** Every column of policy_cohort.sql as frame features (categories from the model definitions). */
function policyFeatures(): FrameFeature[] {
  const out = new Map<string, FrameFeature>();
  for (const f of DEFINITIONS.approval_propensity.features) out.set(f.name, f);
  for (const f of EXTRA) if (!out.has(f.name)) out.set(f.name, f);
  return [...out.values()];
}

/** The chosen local version of a model (`name@vN`), or its newest when none was chosen. */
async function localVersion(registry: ModelRegistry, name: ModelName, chosen?: string): Promise<LocalModel> {
  if (chosen) {
    if (!chosen.startsWith(`${name}@v`)) throw new AppError('INVALID_INPUT', `${chosen} is not a version of ${name}.`);
    return (await registry.load(chosen)) as LocalModel;
  }
  const info = await registry.newest(name);
  if (!info) throw new AppError('NOT_FOUND', `The policies need a trained ${name} model; train the models first.`);
  return (await registry.load(info.id)) as LocalModel;
}

/**
 * Applies authorization, routing and retry policies to the first attempts of a replayed cohort
 * and estimates the approval rate they would give, against what actually happened. Estimates
 * use the models' probabilities and smoothed observed processor rates (see docs/models.md).
 */
export async function runPolicy(
  target: SqlTarget,
  registry: ModelRegistry,
  input: { where: string; limit: number; thresholds: PolicyThresholds; models?: Partial<Record<ModelName, string>> },
  signal?: AbortSignal,
): Promise<PolicyResult> {
  await requireSilver(target);
  await checkFilter(target, input.where, 'The policy filter');
  const t = input.thresholds;
  const [approval, risk, routing, retry] = [
    await localVersion(registry, 'approval_propensity', input.models?.approval_propensity),
    await localVersion(registry, 'risk_scoring', input.models?.risk_scoring),
    await localVersion(registry, 'smart_routing', input.models?.smart_routing),
    await localVersion(registry, 'smart_retry', input.models?.smart_retry),
  ];
  const features = policyFeatures();
  const filter = input.where.trim() ? `(${input.where})` : 'TRUE';
  const sql = frameSql(policySql, features, `SELECT * FROM payments_enriched_silver WHERE ${filter} LIMIT ${Math.floor(input.limit)}`, [
    'declined',
    'approved',
  ]);
  const raw = await readFrame(columnarOf(target), sql, {}, features, { signal, timeoutMs: 5 * 60_000 });
  const frame: CohortFrame = { ...raw, features: features.map((f, j) => ({ ...f, categories: raw.categories[j] })) };
  if (frame.n === 0) throw new AppError('INVALID_INPUT', 'The cohort has no first attempts: widen the filter.');
  const col = (name: string) => frame.columns[frame.features.findIndex((f) => f.name === name)]!;
  const cat = (name: string, i: number) => frame.categories[frame.features.findIndex((f) => f.name === name)]![col(name)[i]!]!;

  const [pa, pr, pt] = [
    await scoreFrame(approval, frame, signal),
    await scoreFrame(risk, frame, signal),
    await scoreFrame(routing, frame, signal),
  ];
  const rates = new Map<string, number>();
  for (const row of (await target.query(ratesSql, { maxRows: 1_000_000, signal })).rows)
    rates.set(row.slice(0, 3).join('|'), Number(row[3]));
  const rate = (i: number, processor: string) => rates.get([cat('card_network', i), cat('issuer_country', i), processor].join('|'));

  const auth = { approve: 0, review: 0, decline: 0, actualApprovalRatePct: 0, fraudCaught: 0, goodDeclined: 0, fraudApproved: 0 };
  const rt = {
    declines: 0,
    retryNow: 0,
    retryLater: 0,
    never: 0,
    avgWaitSeconds: 0,
    estimatedRecovered: 0,
    estimatedRecoveredValue: 0,
    actualRecovered: 0,
    actualRecoveredValue: 0,
  };
  const route = { rerouted: 0, estimatedExtraApprovals: 0, estimatedExtraValue: 0 };
  const approvedIdx = approval.classes.indexOf('approved');
  const highIdx = risk.classes.indexOf('HIGH');
  const waits = RETRY_WAITS.filter((w) => w <= t.maxWaitSeconds);
  const retryFeatures = retry.features;
  const x = new Float64Array(retryFeatures.length);
  const p = new Float64Array(retry.classes.length);
  let actualApproved = 0;
  let lostApprovals = 0;
  let waitSum = 0;
  for (let i = 0; i < frame.n; i++) {
    const approved = frame.label[i] === 1;
    const fraud = col('is_fraud')[i] === 1;
    const amount = frame.amount[i]!;
    const recovered = col('recovered')[i] === 1;
    actualApproved += approved ? 1 : 0;
    if (!approved && recovered) {
      rt.actualRecovered++;
      rt.actualRecoveredValue += amount;
    }
    const pApprove = pa.valid[i] ? pa.probs[i * approval.classes.length + approvedIdx]! : 1;
    const high = pr.valid[i] && argmax(pr.probs, i, risk.classes.length) === highIdx;
    const decision =
      pApprove < t.declineBelow ? 'decline' : t.reviewHighRisk && high ? 'review' : pApprove >= t.approveAbove ? 'approve' : 'review';
    auth[decision]++;
    if (decision === 'decline') {
      if (fraud) auth.fraudCaught++;
      else if (approved) auth.goodDeclined++;
      if (approved) lostApprovals++;
      continue;
    }
    if (decision === 'approve' && fraud) auth.fraudApproved++;
    if (t.useRouting && pt.valid[i]) {
      const best = routing.classes[argmax(pt.probs, i, routing.classes.length)]!;
      const actual = cat('processor', i);
      const gain = best !== actual ? (rate(i, best) ?? 0) - (rate(i, actual) ?? 0) : 0;
      if (best !== actual && gain !== 0) {
        route.rerouted++;
        route.estimatedExtraApprovals += gain;
        route.estimatedExtraValue += gain * amount;
      }
    }
    if (approved) continue;
    rt.declines++;
    const reason = cat('decline_reason', i);
    retryFeatures.forEach((f: FeatureSpec, j) => {
      if (f.name === 'decline_reason') x[j] = (f.categories ?? []).indexOf(reason);
      else if (f.name === 'previous_attempts') x[j] = 1;
      else if (f.name === 'time_since_decline') x[j] = 0;
      else x[j] = col(f.name)[i]!;
    });
    const waitAt = retryFeatures.findIndex((f) => f.name === 'time_since_decline');
    let bestWait = 0;
    let bestP = -1;
    let nowP = 0;
    for (const w of waits) {
      x[waitAt] = w;
      retry.probabilities(x, p);
      if (w === waits[0]) nowP = p[1]!;
      if (p[1]! > bestP + 0.005) {
        bestP = p[1]!;
        bestWait = w;
      }
    }
    if (nowP >= t.retryNowAbove) {
      rt.retryNow++;
      rt.estimatedRecovered += nowP;
      rt.estimatedRecoveredValue += nowP * amount;
    } else if (bestP >= t.retryLaterAbove) {
      rt.retryLater++;
      waitSum += bestWait;
      rt.estimatedRecovered += bestP;
      rt.estimatedRecoveredValue += bestP * amount;
    } else rt.never++;
  }
  rt.avgWaitSeconds = rt.retryLater ? Math.round(waitSum / rt.retryLater) : 0;
  const n = frame.n;
  const actualRate = ((actualApproved + rt.actualRecovered) / n) * 100;
  const estimated = ((actualApproved - lostApprovals + route.estimatedExtraApprovals + rt.estimatedRecovered) / n) * 100;
  auth.actualApprovalRatePct = round2((actualApproved / n) * 100);
  const r2 = <T extends Record<string, number>>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round2(v)])) as T;
  return {
    transactions: n,
    authorization: auth,
    retry: r2(rt),
    routing: r2(route),
    estimatedApprovalRatePct: round2(estimated),
    approvalUpliftPp: round2(estimated - actualRate),
    models: {
      approval_propensity: approval.info.id,
      risk_scoring: risk.info.id,
      smart_routing: routing.info.id,
      smart_retry: retry.info.id,
    },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModelInfo, PolicyThresholds } from '../../../shared/api';
import { MODEL_NAMES, type ModelName } from '../../../shared/models/schema';
import { useModelsStore } from './models-store';
import { formatWait } from './PredictionPanel';

const DEFAULTS: PolicyThresholds = {
  approveAbove: 0.6,
  declineBelow: 0.25,
  reviewHighRisk: true,
  retryNowAbove: 0.6,
  retryLaterAbove: 0.3,
  maxWaitSeconds: 86_400,
  useRouting: true,
};
const money = (x: number) => x.toLocaleString(undefined, { maximumFractionDigits: 0 });

/** Decisioning policies on a replayed cohort: editable thresholds, estimated uplift vs what happened. */
/** The version each model starts at: the one picked at the top of the page for its kind, else the newest. */
export function initialVersions(models: ModelInfo[], selected: ModelInfo | undefined): Partial<Record<ModelName, string>> {
  const out: Partial<Record<ModelName, string>> = {};
  for (const name of MODEL_NAMES) {
    const local = models.filter((m) => m.kind === 'local' && m.schemaOf === name);
    const pick = selected?.kind === 'local' && selected.schemaOf === name ? selected : local[0];
    if (pick) out[name] = pick.id;
  }
  return out;
}

export function PolicyPanel({ models, selected }: { models: ModelInfo[]; selected: ModelInfo | undefined }) {
  const { policy, runPolicy, busy } = useModelsStore(useShallow((s) => ({ policy: s.policy, runPolicy: s.runPolicy, busy: s.busy })));
  const [t, setT] = useState<PolicyThresholds>(DEFAULTS);
  const [versions, setVersions] = useState(() => initialVersions(models, selected));
  // Models trained (or loaded) after the panel opened fill the pickers that were empty.
  useEffect(() => setVersions((v) => ({ ...initialVersions(models, selected), ...v })), [models, selected]);
  const [where, setWhere] = useState('');
  const num = (key: keyof PolicyThresholds, label: string, step = 0.05) => (
    <label>
      {label}{' '}
      <input
        type="number"
        step={step}
        data-testid={`policy-${key}`}
        value={Number(t[key])}
        onChange={(e) => setT({ ...t, [key]: Number(e.target.value) })}
      />
    </label>
  );
  return (
    <div className="policy">
      <div className="policy-grid">
        <fieldset>
          <legend>Authorization</legend>
          {num('approveAbove', 'approve if P(approved) ≥')}
          {num('declineBelow', 'decline if P(approved) <')}
          <label>
            <input type="checkbox" checked={t.reviewHighRisk} onChange={(e) => setT({ ...t, reviewHighRisk: e.target.checked })} /> review
            HIGH risk tier
          </label>
        </fieldset>
        <fieldset>
          <legend>Retry</legend>
          {num('retryNowAbove', 'retry now if P(recovered) ≥')}
          {num('retryLaterAbove', 'retry later if best P ≥')}
          {num('maxWaitSeconds', 'longest wait (s)', 60)}
        </fieldset>
        <fieldset>
          <legend>Routing</legend>
          <label>
            <input type="checkbox" checked={t.useRouting} onChange={(e) => setT({ ...t, useRouting: e.target.checked })} /> route to the
            recommended processor
          </label>
        </fieldset>
      </div>
      <fieldset className="policy-versions">
        <legend>Model versions</legend>
        {MODEL_NAMES.map((name) => (
          <label key={name}>
            {name}{' '}
            <select
              data-testid={`policy-version-${name}`}
              value={versions[name] ?? ''}
              onChange={(e) => setVersions({ ...versions, [name]: e.target.value })}
            >
              {!versions[name] && <option value="">(not trained)</option>}
              {models
                .filter((m) => m.kind === 'local' && m.schemaOf === name)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    v{m.version}
                    {m.metrics ? ` — ${(m.metrics.accuracy * 100).toFixed(1)}%` : ''}
                  </option>
                ))}
            </select>
          </label>
        ))}
      </fieldset>
      <div className="toolbar">
        <input
          className="cohort-where"
          data-testid="policy-where"
          placeholder="cohort filter over silver (empty: all), e.g. merchant_segment = 'Travel'"
          value={where}
          onChange={(e) => setWhere(e.target.value)}
        />
        <button
          className="primary"
          data-testid="policy-run"
          disabled={busy !== null}
          onClick={() => void runPolicy(where, 50_000, t, versions)}
        >
          Apply to cohort
        </button>
      </div>
      {policy && (
        <div className="policy-result" data-testid="policy-result">
          <p>
            {policy.transactions.toLocaleString()} first attempts · actual approval (incl. recovered retries){' '}
            <strong>{(policy.estimatedApprovalRatePct - policy.approvalUpliftPp).toFixed(2)}%</strong> → estimated with these policies{' '}
            <strong>{policy.estimatedApprovalRatePct.toFixed(2)}%</strong> (
            <span data-testid="policy-uplift" className={policy.approvalUpliftPp >= 0 ? 'good' : 'bad'}>
              {policy.approvalUpliftPp >= 0 ? '+' : ''}
              {policy.approvalUpliftPp.toFixed(2)} pp
            </span>
            )
          </p>
          <ul>
            <li>
              Authorization: approve {policy.authorization.approve.toLocaleString()}, review {policy.authorization.review.toLocaleString()},
              decline {policy.authorization.decline.toLocaleString()} — fraud caught {policy.authorization.fraudCaught}, good payments
              declined {policy.authorization.goodDeclined}, fraud approved {policy.authorization.fraudApproved}
            </li>
            <li>
              Retry: of {policy.retry.declines.toLocaleString()} declines, now {policy.retry.retryNow}, later {policy.retry.retryLater} (avg
              wait {formatWait(policy.retry.avgWaitSeconds)}), never {policy.retry.never} — estimated recovered{' '}
              {money(policy.retry.estimatedRecovered)} ({money(policy.retry.estimatedRecoveredValue)} value) vs actually{' '}
              {money(policy.retry.actualRecovered)} ({money(policy.retry.actualRecoveredValue)})
            </li>
            <li>
              Routing: {policy.routing.rerouted.toLocaleString()} rerouted, ≈{money(policy.routing.estimatedExtraApprovals)} extra approvals
              ({money(policy.routing.estimatedExtraValue)} value)
            </li>
          </ul>
          <div className="muted" data-testid="policy-models">
            Models: {Object.values(policy.models).join(', ')}. Estimates: model probabilities and observed processor approval rates
            (docs/models.md).
          </div>
        </div>
      )}
    </div>
  );
}

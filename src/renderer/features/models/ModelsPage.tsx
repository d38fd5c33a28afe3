import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { progressFraction } from '../../../shared/jobs/progress';
import { api } from '../../api/client';
import { isEnded } from '../../api/job-follow';
import { BatchPanel } from './BatchPanel';
import { ComparePanel } from './ComparePanel';
import { MetricsTable } from './MetricsTable';
import { ModelForm } from './ModelForm';
import { selectedModel, useModelsStore } from './models-store';
import { PolicyPanel } from './PolicyPanel';
import { PredictionPanel } from './PredictionPanel';
import { RemotePanel } from './RemotePanel';
import { describeSettings, RetrainPanel } from './RetrainPanel';
import { WhatIfPanel } from './WhatIfPanel';
import './models.css';

const TABS = ['predict', 'what-if', 'batch', 'compare', 'policies', 'remote'] as const;
type Tab = (typeof TABS)[number];

/** The model sandbox: train, pick a model/version, and test it with the form and the tools. */
export function ModelsPage() {
  const s = useModelsStore(
    useShallow((x) => ({
      busy: x.busy,
      cancelTraining: x.cancelTraining,
      error: x.error,
      errors: x.errors,
      form: x.form,
      job: x.job,
      models: x.models,
      predict: x.predict,
      prediction: x.prediction,
      sample: x.sample,
      sampleNote: x.sampleNote,
      select: x.select,
      selectedId: x.selectedId,
      setField: x.setField,
      train: x.train,
    })),
  );
  const model = selectedModel(s);
  const [tab, setTab] = useState<Tab>('predict');
  const [txId, setTxId] = useState('');
  useEffect(() => {
    void useModelsStore.getState().load();
    return api.on('job.progressed', (job) => useModelsStore.getState().onJobProgress(job));
  }, []);
  const running = s.job !== null && !isEnded(s.job);
  return (
    <div className="page models-page">
      <div className="toolbar">
        <label>
          Model{' '}
          <select data-testid="model-select" value={s.selectedId ?? ''} onChange={(e) => s.select(e.target.value)}>
            {s.models.length === 0 && <option value="">(no models yet)</option>}
            {s.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
                {m.metrics ? ` — ${(m.metrics.accuracy * 100).toFixed(1)}%` : ''}
              </option>
            ))}
          </select>
        </label>
        <button className="primary" data-testid="train-all" disabled={running || s.busy === 'train'} onClick={() => void s.train()}>
          Train all four
        </button>
        {running && (
          <>
            <progress data-testid="train-progress" max={1} value={s.job ? progressFraction(s.job.progress) : 0} />
            <span className="muted" data-testid="train-message">
              {s.job?.progress.message}
            </span>
            <button data-testid="train-cancel" onClick={() => void s.cancelTraining()}>
              Cancel
            </button>
          </>
        )}
        {!running && s.job && (
          <span className={`muted job-${s.job.state}`} data-testid="train-status">
            {s.job.state === 'succeeded'
              ? `Trained ${s.job.results.map((r) => `${r.id} (${(r.accuracy * 100).toFixed(1)}%)`).join(', ')}`
              : s.job.progress.message}
          </span>
        )}
      </div>
      {s.error && (
        <div className="error-box" role="alert" data-testid="models-error">
          {s.error}
        </div>
      )}
      {!model && s.models.length === 0 && (
        <div className="muted empty">No models yet. Replay some events (Pipeline page or `medallion replay`), then “Train all four”.</div>
      )}
      {model && (
        <details className="model-card" data-testid="model-card">
          <summary>
            <strong>{model.id}</strong> · {model.algorithm} ·{' '}
            {model.kind === 'remote' ? model.remote?.url : `trained ${model.createdAt.slice(0, 19)}`}
            {model.kind === 'local' && (
              <div className="muted model-settings" data-testid="model-settings">
                {model.settings ? `Settings: ${describeSettings(model.settings)}` : 'Settings: the defaults of its release (not recorded)'}
                {model.metrics ? ` · holdout accuracy ${(model.metrics.accuracy * 100).toFixed(1)}%` : ''}
              </div>
            )}
          </summary>
          <p className="muted">Label: {model.label}</p>
          {model.trainingWindow && (
            <p className="muted">
              Training window {model.trainingWindow.start} → {model.trainingWindow.splitAt} (
              {model.trainingWindow.trainRows.toLocaleString()} rows); holdout → {model.trainingWindow.end} (
              {model.trainingWindow.holdoutRows.toLocaleString()} rows); {model.trainingSeconds?.toFixed(1)} s
            </p>
          )}
          {model.metrics && <MetricsTable metrics={model.metrics} reference={model.referenceAccuracy} testid="holdout-metrics" />}
        </details>
      )}
      {model?.kind === 'local' && <RetrainPanel key={model.id} model={model} versions={s.models} />}
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'active' : ''}
            data-testid={`tab-${t}`}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
      {tab === 'remote' && <RemotePanel />}
      {tab === 'policies' && <PolicyPanel models={s.models} selected={model} />}
      {model && tab !== 'remote' && tab !== 'policies' && (
        <div className="models-body">
          {(tab === 'predict' || tab === 'what-if') && (
            <div className="models-left">
              <div className="toolbar">
                <button data-testid="load-random" disabled={s.busy !== null} onClick={() => void s.sample()}>
                  Load a random row
                </button>
                <input data-testid="load-txid" placeholder="transaction_id" value={txId} onChange={(e) => setTxId(e.target.value)} />
                <button data-testid="load-by-id" disabled={!txId || s.busy !== null} onClick={() => void s.sample(txId)}>
                  Load
                </button>
              </div>
              {s.sampleNote && (
                <div className="muted" data-testid="sample-note">
                  {s.sampleNote}
                </div>
              )}
              <ModelForm features={model.features} values={s.form} errors={s.errors} onChange={s.setField} />
              <button className="primary" data-testid="predict" disabled={s.busy !== null} onClick={() => void s.predict()}>
                Predict
              </button>
            </div>
          )}
          <div className="models-right">
            {tab === 'predict' && s.prediction && <PredictionPanel prediction={s.prediction} />}
            {tab === 'what-if' && <WhatIfPanel model={model} />}
            {tab === 'batch' && <BatchPanel />}
            {tab === 'compare' && <ComparePanel model={model} />}
          </div>
        </div>
      )}
      {s.busy && s.busy !== 'load' && (
        <div className="muted busy" data-testid="models-busy">
          Working: {s.busy}…
        </div>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModelInfo, TrainSettingsInput } from '../../../shared/api';
import { DEFAULT_TRAIN_SETTINGS, TRAIN_LIMITS, type TrainSettings } from '../../../shared/models/schema';
import { isEnded } from '../../api/job-follow';
import { useModelsStore } from './models-store';

/** The settings a version was trained with, in words ("50 rounds · depth 6 · learning rate 0.25 · all 15 features"). */
export function describeSettings(settings: TrainSettings): string {
  const all = settings.features.length + settings.leftOut.length;
  const features = settings.leftOut.length
    ? `${settings.features.length} of ${all} features (without ${settings.leftOut.join(', ')})`
    : `all ${all} features`;
  return `${settings.rounds} rounds · depth ${settings.maxDepth} · learning rate ${settings.learningRate} · ${features}`;
}

/** Checks the form in user words; the settings to send, or the problem. */
export function checkRetrain(form: {
  rounds: string;
  maxDepth: string;
  learningRate: string;
  features: string[];
}): TrainSettingsInput | string {
  const whole = (text: string, what: string, { min, max }: { min: number; max: number }): number | string => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n)) return `${what}: enter a whole number from ${min} to ${max}.`;
    return n < min || n > max ? `${what}: enter a whole number from ${min} to ${max}.` : n;
  };
  const rounds = whole(form.rounds, 'Rounds', TRAIN_LIMITS.rounds);
  if (typeof rounds === 'string') return rounds;
  const maxDepth = whole(form.maxDepth, 'Tree depth', TRAIN_LIMITS.maxDepth);
  if (typeof maxDepth === 'string') return maxDepth;
  const { min, max } = TRAIN_LIMITS.learningRate;
  const learningRate = Number(form.learningRate);
  if (form.learningRate.trim() === '' || !Number.isFinite(learningRate) || learningRate < min || learningRate > max) {
    return `Learning rate: enter a number from ${min} to ${max}.`;
  }
  if (!form.features.length) return 'Features: keep at least one.';
  return { rounds, maxDepth, learningRate, features: form.features };
}

/** Retrain the selected model with settings that can change; the new version is selected when it is done. */
export function RetrainPanel({ model, versions }: { model: ModelInfo; versions: ModelInfo[] }) {
  const { retrain, busy, job } = useModelsStore(useShallow((s) => ({ retrain: s.retrain, busy: s.busy, job: s.job })));
  const all = model.features.map((f) => f.name);
  const newest = versions.find((m) => m.kind === 'local' && m.schemaOf === model.schemaOf);
  // Features this version was trained without can come back.
  const known = [...all, ...(model.settings?.leftOut ?? [])];
  const base = model.settings ?? { ...DEFAULT_TRAIN_SETTINGS[model.schemaOf], features: all };
  const [form, setForm] = useState({
    rounds: String(base.rounds),
    maxDepth: String(base.maxDepth),
    learningRate: String(base.learningRate),
    features: base.features,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const next = (newest?.version ?? 0) + 1;
  const running = !!job && !isEnded(job);
  const submit = () => {
    const checked = checkRetrain(form);
    if (typeof checked === 'string') return setProblem(checked);
    setProblem(null);
    void retrain(model.schemaOf, checked);
  };
  const field = (key: 'rounds' | 'maxDepth' | 'learningRate', label: string, hint: string) => (
    <label className="retrain-field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        data-testid={`retrain-${key}`}
        value={form[key]}
        aria-describedby={`retrain-${key}-hint`}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      <small className="muted" id={`retrain-${key}-hint`}>
        {hint}
      </small>
    </label>
  );
  return (
    <details className="retrain" data-testid="retrain">
      <summary>
        Retrain {model.schemaOf} with other settings (→ v{next})
      </summary>
      <div className="retrain-grid">
        {field('rounds', 'Rounds (trees)', `${TRAIN_LIMITS.rounds.min}–${TRAIN_LIMITS.rounds.max}`)}
        {field('maxDepth', 'Tree depth', `${TRAIN_LIMITS.maxDepth.min}–${TRAIN_LIMITS.maxDepth.max}`)}
        {field('learningRate', 'Learning rate', `${TRAIN_LIMITS.learningRate.min}–${TRAIN_LIMITS.learningRate.max}`)}
      </div>
      <fieldset className="retrain-features">
        <legend>Features to include</legend>
        {known.map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              data-testid={`retrain-feature-${name}`}
              checked={form.features.includes(name)}
              onChange={(e) =>
                setForm({
                  ...form,
                  features: e.target.checked
                    ? known.filter((n) => n === name || form.features.includes(n))
                    : form.features.filter((n) => n !== name),
                })
              }
            />{' '}
            {name}
          </label>
        ))}
      </fieldset>
      {problem && (
        <div className="error-box" role="alert" data-testid="retrain-problem">
          {problem}
        </div>
      )}
      <button className="primary" data-testid="retrain-run" disabled={running || busy !== null} onClick={submit}>
        Train {model.schemaOf} v{next}
      </button>
    </details>
  );
}

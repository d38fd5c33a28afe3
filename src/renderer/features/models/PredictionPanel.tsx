import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Prediction } from '../../../shared/api';

/** The prediction: label, class probabilities and the per-feature contributions as a bar chart. */
export function PredictionPanel({ prediction }: { prediction: Prediction }) {
  const contributions = [...(prediction.contributions ?? [])].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return (
    <div className="prediction" data-testid="prediction">
      <div className="prediction-label">
        Prediction: <strong data-testid="prediction-label">{prediction.label}</strong>
        {prediction.recommendedWaitSeconds !== null && (
          <span data-testid="prediction-wait"> · recommended wait {formatWait(prediction.recommendedWaitSeconds)}</span>
        )}
      </div>
      <div className="probabilities" data-testid="probabilities">
        {Object.entries(prediction.probabilities).map(([c, p]) => (
          <div key={c} className="probability-row">
            <span className="probability-name">{c}</span>
            <span className="probability-bar">
              <span style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </span>
            <span className="probability-value">{(p * 100).toFixed(1)}%</span>
          </div>
        ))}
      </div>
      {contributions.length > 0 && (
        <div className="contributions" data-testid="contributions">
          <div className="muted">
            Per-feature contributions towards “{prediction.label}” (
            {prediction.contributionUnit === 'log-odds'
              ? 'log-odds, from the trees'
              : 'probability points, by replacing each feature with its typical value'}
            )
          </div>
          <ResponsiveContainer width="100%" height={Math.max(160, contributions.length * 22 + 30)}>
            <BarChart data={contributions} layout="vertical" margin={{ left: 40, right: 20 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis type="number" stroke="var(--muted)" />
              <YAxis type="category" dataKey="feature" width={140} stroke="var(--muted)" />
              <Tooltip formatter={(v) => Number(v).toFixed(4)} />
              <Bar dataKey="contribution" isAnimationActive={false}>
                {contributions.map((c) => (
                  <Cell key={c.feature} fill={c.contribution >= 0 ? 'var(--good)' : 'var(--bad)'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}

export function formatWait(s: number): string {
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(s % 3600 ? 1 : 0)} h`;
}

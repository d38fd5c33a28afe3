import type { ModelMetrics } from '../../../shared/api';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Accuracy, precision, recall, F1, AUC and the confusion matrix (rows: actual, columns: predicted). */
export function MetricsTable({ metrics, reference, testid }: { metrics: ModelMetrics; reference?: number; testid?: string }) {
  const gap = reference !== undefined ? metrics.accuracy * 100 - reference : null;
  return (
    <div className="metrics" data-testid={testid}>
      <div className="metric-tiles">
        <span>
          accuracy <strong data-testid="metric-accuracy">{pct(metrics.accuracy)}</strong>
          {gap !== null && (
            <em className={gap >= -3 ? 'good' : 'bad'}>
              {' '}
              ({gap >= 0 ? '+' : ''}
              {gap.toFixed(1)} pts vs reference {reference}%)
            </em>
          )}
        </span>
        <span>majority class {pct(metrics.baselineAccuracy)}</span>
        <span>precision {pct(metrics.precision)}</span>
        <span>recall {pct(metrics.recall)}</span>
        <span>F1 {metrics.f1.toFixed(3)}</span>
        <span>ROC AUC {metrics.rocAuc === null ? '—' : metrics.rocAuc.toFixed(3)}</span>
        <span>{metrics.rows.toLocaleString()} rows</span>
      </div>
      <table className="confusion">
        <thead>
          <tr>
            <th>actual ↓ / predicted →</th>
            {metrics.confusion.labels.map((l) => (
              <th key={l}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {metrics.confusion.matrix.map((row, i) => (
            <tr key={i}>
              <th>{metrics.confusion.labels[i]}</th>
              {row.map((v, j) => (
                <td key={j} className={i === j ? 'diag' : ''}>
                  {v.toLocaleString()}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

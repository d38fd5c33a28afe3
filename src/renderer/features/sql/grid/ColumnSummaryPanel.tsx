import { useEffect, useState } from 'react';
import type { ColumnSummary } from '../../../../shared/api';
import { api } from '../../../api/client';
import { cellText } from './cell-format';

/** Nulls, distinct values, min/max and (numbers) a histogram of one result column. */
export function ColumnSummaryPanel({ resultId, column, onClose }: { resultId: string; column: string; onClose(): void }) {
  const [summary, setSummary] = useState<ColumnSummary | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    setSummary(undefined);
    setError(undefined);
    api
      .call('sqlwb.summary', { resultId, column })
      .then((s) => live && setSummary(s))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [resultId, column]);
  const peak = Math.max(1, ...(summary?.histogram ?? []).map((b) => b.count));
  return (
    <aside className="column-summary" data-testid="column-summary">
      <header>
        <strong>{column}</strong>
        <button className="link-button" onClick={onClose} aria-label="Close summary">
          ×
        </button>
      </header>
      {error && <div className="error-box">{error}</div>}
      {!summary && !error && <div className="muted">Summarising…</div>}
      {summary && (
        <>
          <dl>
            <dt>Type</dt>
            <dd>{summary.type}</dd>
            <dt>Rows</dt>
            <dd>{summary.total.toLocaleString()}</dd>
            <dt>Nulls</dt>
            <dd data-testid="summary-nulls">
              {summary.nulls.toLocaleString()} ({summary.total ? ((100 * summary.nulls) / summary.total).toFixed(1) : '0'}%)
            </dd>
            <dt>Distinct</dt>
            <dd data-testid="summary-distinct">≈ {summary.distinct.toLocaleString()}</dd>
            <dt>Min</dt>
            <dd>{cellText(summary.min)}</dd>
            <dt>Max</dt>
            <dd>{cellText(summary.max)}</dd>
          </dl>
          {summary.histogram && summary.histogram.length > 0 && (
            <div className="histogram" data-testid="summary-histogram" aria-label="Histogram">
              {summary.histogram.map((b, i) => (
                <div
                  key={i}
                  className="histogram-bar"
                  style={{ height: `${(100 * b.count) / peak}%` }}
                  title={`${b.from.toPrecision(4)} – ${b.to.toPrecision(4)}: ${b.count.toLocaleString()}`}
                />
              ))}
            </div>
          )}
        </>
      )}
    </aside>
  );
}

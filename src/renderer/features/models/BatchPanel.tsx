import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Cohort } from '../../../shared/api';
import { CohortPicker } from './CohortPicker';
import { MetricsTable } from './MetricsTable';
import { useModelsStore } from './models-store';

const DEFAULT: Cohort = { kind: 'sql', where: '', limit: 10_000 };

/** Batch: score a cohort, see the score distribution and metrics, save the scores as a table. */
export function BatchPanel() {
  const { batch, batchModelId, scoreBatch, busy } = useModelsStore(
    useShallow((s) => ({ batch: s.batch, batchModelId: s.batchModelId, scoreBatch: s.scoreBatch, busy: s.busy })),
  );
  const [cohort, setCohort] = useState<Cohort | null>(DEFAULT);
  const [saveAs, setSaveAs] = useState('');
  return (
    <div className="batch">
      <CohortPicker testid="batch-cohort" onChange={setCohort} />
      <div className="toolbar">
        <label>
          Save scores as table{' '}
          <input
            data-testid="batch-save-as"
            placeholder="(optional) e.g. approval_scores"
            value={saveAs}
            onChange={(e) => setSaveAs(e.target.value)}
          />
        </label>
        <button
          className="primary"
          data-testid="batch-run"
          disabled={!cohort || busy !== null}
          onClick={() => cohort && void scoreBatch(cohort, saveAs)}
        >
          Score cohort
        </button>
      </div>
      {batch && (
        <div data-testid="batch-result">
          <div className="muted" data-testid="batch-summary">
            {batch.rows.toLocaleString()} rows scored by {batchModelId} in {batch.elapsedMs.toFixed(0)} ms ·{' '}
            {Object.entries(batch.classCounts)
              .map(([c, n]) => `${c}: ${n.toLocaleString()}`)
              .join(' · ')}
            {batch.savedTable && (
              <>
                {' '}
                · saved to table <code data-testid="batch-saved">{batch.savedTable}</code>
              </>
            )}
          </div>
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={batch.histogram.map((b) => ({ score: b.from.toFixed(2), count: b.count }))}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="score" stroke="var(--muted)" />
              <YAxis stroke="var(--muted)" />
              <Tooltip />
              <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          {batch.metrics ? (
            <MetricsTable metrics={batch.metrics} testid="batch-metrics" />
          ) : (
            <div className="muted">No labels in this cohort, so no metrics (add a “label” column to a CSV).</div>
          )}
        </div>
      )}
    </div>
  );
}

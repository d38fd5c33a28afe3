import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Cohort, ModelInfo } from '../../../shared/api';
import { CohortPicker } from './CohortPicker';
import { MetricsTable } from './MetricsTable';
import { useModelsStore } from './models-store';

/** Compare two models or versions of the same kind on one cohort, with the rows they disagree on. */
export function ComparePanel({ model }: { model: ModelInfo }) {
  const { models, compare, runCompare, busy } = useModelsStore(
    useShallow((s) => ({ models: s.models, compare: s.compare, runCompare: s.runCompare, busy: s.busy })),
  );
  const peers = models.filter((m) => m.schemaOf === model.schemaOf);
  const [b, setB] = useState(peers.find((m) => m.id !== model.id)?.id ?? '');
  const [cohort, setCohort] = useState<Cohort | null>({ kind: 'sql', where: '', limit: 10_000 });
  return (
    <div className="compare">
      <div className="toolbar">
        <span>
          A: <strong>{model.id}</strong>
        </span>
        <label>
          B:{' '}
          <select data-testid="compare-b" value={b} onChange={(e) => setB(e.target.value)}>
            <option value="">(pick a model)</option>
            {peers
              .filter((m) => m.id !== model.id)
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                </option>
              ))}
          </select>
        </label>
      </div>
      {peers.length < 2 && (
        <div className="muted">Train again (or register a remote endpoint of this kind) to have a second version to compare.</div>
      )}
      <CohortPicker testid="compare-cohort" onChange={setCohort} />
      <button
        className="primary"
        data-testid="compare-run"
        disabled={!b || !cohort || busy !== null}
        onClick={() => cohort && void runCompare(model.id, b, cohort)}
      >
        Compare
      </button>
      {compare && (
        <div data-testid="compare-result">
          <div data-testid="compare-summary">
            {compare.rows.toLocaleString()} rows · agreement <strong>{(compare.agreement * 100).toFixed(1)}%</strong> ·{' '}
            {compare.disagreements.length} disagreement rows shown
          </div>
          <div className="compare-sides">
            {[compare.a, compare.b].map((side) => (
              <div key={side.id}>
                <h4>{side.id}</h4>
                <div className="muted">
                  {Object.entries(side.classCounts)
                    .map(([c, n]) => `${c}: ${n.toLocaleString()}`)
                    .join(' · ')}
                </div>
                {side.metrics && <MetricsTable metrics={side.metrics} />}
              </div>
            ))}
          </div>
          {compare.disagreements.length > 0 && (
            <table className="disagreements" data-testid="disagreements">
              <thead>
                <tr>
                  <th>transaction</th>
                  <th>A</th>
                  <th>B</th>
                  <th>A score</th>
                  <th>B score</th>
                  <th>actual</th>
                  <th>inputs</th>
                </tr>
              </thead>
              <tbody>
                {compare.disagreements.slice(0, 100).map((d) => (
                  <tr key={d.row}>
                    <td>{String(d.record.transaction_id ?? d.row)}</td>
                    <td>{d.a}</td>
                    <td>{d.b}</td>
                    <td>{d.aScore.toFixed(3)}</td>
                    <td>{d.bScore.toFixed(3)}</td>
                    <td>{d.actual ?? '—'}</td>
                    <td className="muted inputs">
                      {Object.entries(d.record)
                        .filter(([k]) => k !== 'transaction_id')
                        .map(([k, v]) => `${k}=${String(v)}`)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}

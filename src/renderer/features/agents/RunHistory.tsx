import type { AgentRun } from '../../../shared/api';
import { formatDuration, formatWhen, STATUS_LABEL } from './agents-view';

/** The latest runs: when, how long, what they found, and why a run failed. */
export function RunHistory({ runs, names, onCancel }: { runs: AgentRun[]; names: Record<string, string>; onCancel(runId: string): void }) {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <div className="result-table-wrap">
      <table className="result-table run-history" data-testid="agent-run-history">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Started</th>
            <th>Trigger</th>
            <th>Duration</th>
            <th>Status</th>
            <th>Findings</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.runId} data-testid="agent-run-row" data-status={r.status}>
              <td>
                {r.parentRunId ? '↳ ' : ''}
                {names[r.agent] ?? r.agent}
              </td>
              <td>{formatWhen(r.startedAt)}</td>
              <td>{r.trigger}</td>
              <td className="num">{formatDuration(r.durationMs)}</td>
              <td>
                <span className={`status ${r.status}`}>{STATUS_LABEL[r.status]}</span>
                {r.status === 'running' && !r.parentRunId && (
                  <button className="link-button" onClick={() => onCancel(r.runId)}>
                    cancel
                  </button>
                )}
              </td>
              <td className="num">{r.findings}</td>
              <td className="run-message">{r.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

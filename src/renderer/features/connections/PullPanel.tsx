import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConnectionsStore } from './connections-store';
import { describeProgress } from './tree-model';

/** Copies the chosen table/view (or a query) into the local database, with progress and cancel. */
export function PullPanel() {
  const { pullSource, pull, startPull, cancelPull, pulls } = useConnectionsStore(
    useShallow((s) => ({ pullSource: s.pullSource, pull: s.pull, startPull: s.startPull, cancelPull: s.cancelPull, pulls: s.pulls })),
  );
  const [target, setTarget] = useState('');
  const [replace, setReplace] = useState(false);
  const [useQuery, setUseQuery] = useState(false);
  const [sql, setSql] = useState('');
  const running = Boolean(pull?.controller);
  const defaultTarget = pullSource?.table ?? '';
  const name = target || defaultTarget;
  const job = pull?.job;
  const percent = job?.progress.total ? Math.min(100, (100 * job.progress.done) / Math.max(1, job.progress.total)) : undefined;
  return (
    <section className="conn-pull" data-testid="conn-pull">
      <h2>Pull to local</h2>
      <label className="conn-check">
        <input type="checkbox" checked={useQuery} onChange={(e) => setUseQuery(e.target.checked)} data-testid="pull-use-query" /> Pull the
        result of a query
      </label>
      {useQuery ? (
        <textarea
          className="sql-textarea conn-pull-sql"
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          placeholder="SELECT … FROM catalog.schema.table WHERE …"
          data-testid="pull-sql"
        />
      ) : (
        <p data-testid="pull-source">
          {pullSource ? (
            `${pullSource.catalog}.${pullSource.schema}.${pullSource.table}`
          ) : (
            <span className="muted">Choose a table or view in the tree.</span>
          )}
        </p>
      )}
      <div className="conn-row">
        <label className="conn-field">
          <span>Local table</span>
          <input value={name} onChange={(e) => setTarget(e.target.value)} placeholder="local_table" data-testid="pull-target" />
        </label>
        <label className="conn-check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="pull-replace" /> replace if
          it exists
        </label>
      </div>
      <div className="toolbar">
        <button
          className="primary"
          disabled={running || !name || (useQuery ? !sql.trim() : !pullSource)}
          onClick={() => void startPull(name, replace, useQuery ? sql : undefined)}
          data-testid="pull-start"
        >
          Pull
        </button>
        <button disabled={!running} onClick={cancelPull} data-testid="pull-cancel">
          Cancel
        </button>
      </div>
      {job && running && (
        <div className="conn-progress" data-testid="pull-progress">
          <progress max={100} value={percent} />
          <span>{describeProgress(job)}</span>
        </div>
      )}
      {pull?.result && (
        <div className="conn-verdict ok" role="status" data-testid="pull-done">
          Pulled {pull.result.rows.toLocaleString()} rows into <code>{pull.result.table}</code> in{' '}
          {(pull.result.elapsedMs / 1000).toFixed(1)} s ({Math.round(pull.result.rowsPerSecond).toLocaleString()} rows/s).
        </div>
      )}
      {pull?.error && (
        <div className="error-box" role="alert" data-testid="pull-error">
          {pull.error}
        </div>
      )}
      {pulls.length > 0 && (
        <table className="result-table conn-pulls" data-testid="pull-history">
          <thead>
            <tr>
              <th>Local table</th>
              <th>Source</th>
              <th>Rows</th>
              <th>From</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {pulls.map((p) => (
              <tr key={p.pullId}>
                <td>{p.table}</td>
                <td title={p.sql}>{p.source}</td>
                <td className="num">{p.rows.toLocaleString()}</td>
                <td>{p.profileName}</td>
                <td>{new Date(p.finishedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

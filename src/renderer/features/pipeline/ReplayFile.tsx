import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isEnded } from '../../api/job-follow';
import { percent } from './file-replay-model';
import { formatCount } from './pipeline-model';
import { useFileReplayStore } from './file-replay-store';
import { usePipelineStore } from './pipeline-store';

/** Replays a recorded .csv, .jsonl or .parquet file (or a glob or folder) through bronze → silver as a job. */
export function ReplayFile() {
  const { path, pending, job, result, error } = useFileReplayStore(
    useShallow((s) => ({ path: s.path, pending: s.pending, job: s.job, result: s.result, error: s.error })),
  );
  useEffect(() => useFileReplayStore.getState().subscribe(() => void usePipelineStore.getState().load()), []);
  const running = job !== undefined && !isEnded(job);
  return (
    <section className="pipeline-panel" data-testid="file-replay-panel">
      <h2>Replay a file</h2>
      <form
        className="toolbar wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void useFileReplayStore.getState().start();
        }}
      >
        <label>
          File{' '}
          <input
            className="file-replay-path"
            value={path}
            placeholder="/data/landing/*.parquet"
            aria-label="File, glob or folder to replay"
            data-testid="file-replay-path"
            onChange={(e) => useFileReplayStore.getState().setPath(e.target.value)}
          />
        </label>
        {running ? (
          <button type="button" data-testid="file-replay-cancel" onClick={() => void useFileReplayStore.getState().cancel()}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="primary" data-testid="file-replay-start" disabled={pending || path.trim() === ''}>
            {pending ? 'Starting…' : 'Replay'}
          </button>
        )}
      </form>
      <p className="muted">
        A .csv, .jsonl or .parquet recording on this computer, a glob or a folder; unreadable records go to quarantine.
      </p>
      {job && (
        <div className="backfill-progress">
          <progress max={100} value={percent(job)} data-testid="file-replay-progress" />
          <span data-testid="file-replay-status">
            {job.state}: {formatCount(job.progress.done)}
            {job.progress.total !== null && ` / ${formatCount(job.progress.total)}`} records · {job.progress.message}
          </span>
        </div>
      )}
      {result && (
        <dl className="pipeline-stats" data-testid="file-replay-result">
          <dt>Bronze</dt>
          <dd data-testid="file-replay-bronze">{formatCount(result.bronze)}</dd>
          <dt>Silver</dt>
          <dd data-testid="file-replay-silver">{formatCount(result.silver)}</dd>
          <dt>Quarantine</dt>
          <dd data-testid="file-replay-quarantine">{formatCount(result.quarantined_total)}</dd>
        </dl>
      )}
      {result && result.problems.length > 0 && (
        <ul className="muted file-replay-problems" data-testid="file-replay-problems">
          {result.problems.slice(0, 5).map((p, i) => (
            <li key={i}>
              {p.line === null ? '' : `line ${p.line}: `}
              {p.problem}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="error-box" role="alert" data-testid="file-replay-error">
          {error}
        </div>
      )}
    </section>
  );
}

import { useEffect } from 'react';
import { ResultTable } from '../../components/ResultTable';
import { useSqlHandoffStore } from '../../stores/sql-handoff-store';
import { useSqlStore } from './sql-store';

export function SqlPage() {
  const { sql, setSql, run, cancel, running, result, error } = useSqlStore();
  useEffect(() => {
    const handed = useSqlHandoffStore.getState().take();
    if (handed !== undefined) setSql(handed);
  }, [setSql]);
  return (
    <div className="page sql-page">
      <div className="toolbar">
        <button className="primary" onClick={() => void run()} disabled={running} data-testid="sql-run">
          Run <kbd>Ctrl+Enter</kbd>
        </button>
        <button onClick={cancel} disabled={!running} data-testid="sql-cancel">
          Cancel
        </button>
        {running && <span className="muted">Running…</span>}
      </div>
      <textarea
        className="sql-textarea"
        aria-label="SQL"
        data-testid="sql-input"
        spellCheck={false}
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            void run();
          }
          if (e.key === 'Escape') cancel();
        }}
      />
      {error && (
        <div className="error-box" role="alert" data-testid="sql-error">
          <strong>Query failed.</strong> {error.message}
          {error.position && (
            <span className="muted">
              {' '}
              (line {error.position.line}, column {error.position.column})
            </span>
          )}
        </div>
      )}
      {result && (
        <>
          <div className="muted result-meta" data-testid="sql-meta">
            {result.rowCount.toLocaleString()} row{result.rowCount === 1 ? '' : 's'}
            {result.truncated ? ' (first rows only)' : ''} in {result.elapsedMs.toFixed(0)} ms
          </div>
          <ResultTable columns={result.columns} rows={result.rows} />
        </>
      )}
    </div>
  );
}

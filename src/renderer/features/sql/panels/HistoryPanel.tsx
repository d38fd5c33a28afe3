import { useSqlStore } from '../sql-store';

/** Statements run on the active tab's target: searchable, with duration and row count. */
export function HistoryPanel({ onOpen }: { onOpen(sql: string): void }) {
  const history = useSqlStore((s) => s.history);
  const search = useSqlStore((s) => s.historySearch);
  const loadHistory = useSqlStore((s) => s.loadHistory);
  return (
    <div className="history-panel">
      <input
        type="search"
        placeholder="Search history…"
        value={search}
        onChange={(e) => void loadHistory(e.target.value)}
        data-testid="history-search"
        aria-label="Search history"
      />
      {history.length === 0 && <div className="muted">Nothing run on this target yet{search ? ' matches' : ''}.</div>}
      <ul className="history-list" data-testid="history-list">
        {history.map((h) => (
          <li key={h.id} className={h.error ? 'failed' : ''} data-testid="history-entry">
            <button className="history-open" onClick={() => onOpen(h.sql)} title="Open in a new tab">
              <code>{h.sql.length > 300 ? `${h.sql.slice(0, 300)}…` : h.sql}</code>
            </button>
            <div className="muted history-meta">
              {new Date(h.ranAt).toLocaleString()} ·{' '}
              {h.durationMs < 1000 ? `${h.durationMs.toFixed(0)} ms` : `${(h.durationMs / 1000).toFixed(1)} s`}
              {h.rowCount !== null && ` · ${h.rowCount.toLocaleString()} row${h.rowCount === 1 ? '' : 's'}`}
              {h.error && <span className="status-error"> · {h.error}</span>}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

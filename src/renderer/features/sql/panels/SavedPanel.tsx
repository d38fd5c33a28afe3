import { useSqlStore } from '../sql-store';

/** Saved queries: open one in a new tab, or delete it. */
export function SavedPanel({ onOpen }: { onOpen(name: string, sql: string): void }) {
  const saved = useSqlStore((s) => s.saved);
  const deleteQuery = useSqlStore((s) => s.deleteQuery);
  if (saved.length === 0) return <div className="muted">No saved queries yet: use “Save” above the editor.</div>;
  return (
    <ul className="history-list" data-testid="saved-list">
      {saved.map((q) => (
        <li key={q.id} data-testid="saved-entry">
          <button className="history-open" onClick={() => onOpen(q.name, q.sql)}>
            <strong>{q.name}</strong>
            <code>{q.sql.length > 200 ? `${q.sql.slice(0, 200)}…` : q.sql}</code>
          </button>
          <div className="muted history-meta">
            {q.target} · saved {new Date(q.savedAt).toLocaleString()} ·{' '}
            <button className="link-button" onClick={() => void deleteQuery(q.id)}>
              delete
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSqlStore } from '../sql-store';

/** Editor tabs: switch, rename (double-click), close, add. */
export function TabBar() {
  const { tabs, activeTabId, runs, activate, closeTab, addTab, renameTab } = useSqlStore(
    useShallow((s) => ({
      tabs: s.tabs,
      activeTabId: s.activeTabId,
      runs: s.runs,
      activate: s.activate,
      closeTab: s.closeTab,
      addTab: s.addTab,
      renameTab: s.renameTab,
    })),
  );
  const [editing, setEditing] = useState<string | undefined>();
  return (
    <div className="sqlwb-tabs" role="tablist" data-testid="sql-tabs">
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tab"
          aria-selected={t.id === activeTabId}
          className={`sqlwb-tab${t.id === activeTabId ? ' active' : ''}`}
          data-testid="sql-tab"
          onClick={() => activate(t.id)}
        >
          {editing === t.id ? (
            <input
              autoFocus
              defaultValue={t.title}
              aria-label="Tab name"
              onBlur={(e) => {
                renameTab(t.id, e.target.value);
                setEditing(undefined);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                if (e.key === 'Escape') setEditing(undefined);
              }}
            />
          ) : (
            <span onDoubleClick={() => setEditing(t.id)} title="Double-click to rename">
              {runs[t.id]?.running ? '● ' : ''}
              {t.title}
            </span>
          )}
          <button
            className="tab-close"
            aria-label={`Close ${t.title}`}
            onClick={(e) => {
              e.stopPropagation();
              closeTab(t.id);
            }}
          >
            ×
          </button>
        </div>
      ))}
      <button className="tab-add" onClick={() => addTab()} aria-label="New tab" data-testid="sql-tab-add">
        +
      </button>
    </div>
  );
}

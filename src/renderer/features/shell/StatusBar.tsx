import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../stores/app-store';
import { describeRun } from '../../stores/stream-status';
import { useStreamStore } from '../../stores/stream-store';
import { EngineRestartNotice } from './EngineRestartNotice';
import { WarehouseStarting } from '../connections/WarehouseStarting';

export function StatusBar() {
  const { info, catalog, connectionError, theme, setTheme, refreshCatalog } = useAppStore(
    useShallow((s) => ({
      info: s.info,
      catalog: s.catalog,
      connectionError: s.connectionError,
      theme: s.theme,
      setTheme: s.setTheme,
      refreshCatalog: s.refreshCatalog,
    })),
  );
  const layers = useStreamStore((s) => s.layers);
  const run = useStreamStore((s) => s.run);
  const start = useStreamStore((s) => s.start);
  useEffect(() => start(), [start]);
  // The pipeline creates its tables on first use: count them again when data first arrives and when a run ends.
  const hasData = (layers?.batches ?? 0) > 0;
  const runState = run?.state;
  useEffect(() => {
    if (hasData) void refreshCatalog();
  }, [hasData, runState, refreshCatalog]);
  return (
    <footer className="statusbar" data-testid="statusbar">
      {connectionError ? (
        <span className="status-error">Not connected: {connectionError}</span>
      ) : (
        <>
          <span title={info?.databasePath}>Database: {info ? shortPath(info.databasePath) : '…'}</span>
          <span>{catalog ? `${catalog.relations.length} tables and views` : ''}</span>
          {layers && (
            <span data-testid="layer-counts">
              bronze {layers.bronze.toLocaleString()} · silver {layers.silver.toLocaleString()} · quarantine{' '}
              {layers.quarantine.toLocaleString()}
            </span>
          )}
          <span data-testid="stream-state">{describeRun(run)}</span>
          <EngineRestartNotice />
          <WarehouseStarting />
          <span className="spacer" />
          <span className="muted">DuckDB {info?.duckdbVersion}</span>
        </>
      )}
      <button className="link-button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
    </footer>
  );
}

function shortPath(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : path;
}

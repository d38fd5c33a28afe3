import { useAppStore } from '../../stores/app-store';

const LAYER_TABLES = ['payments_raw_bronze', 'payments_enriched_silver'];

export function StatusBar() {
  const { info, catalog, connectionError, theme, setTheme } = useAppStore();
  const layers = LAYER_TABLES.map((name) => catalog?.relations.find((r) => r.name === name));
  return (
    <footer className="statusbar" data-testid="statusbar">
      {connectionError ? (
        <span className="status-error">Not connected: {connectionError}</span>
      ) : (
        <>
          <span title={info?.databasePath}>Database: {info ? shortPath(info.databasePath) : '…'}</span>
          <span>{catalog ? `${catalog.relations.length} tables and views` : ''}</span>
          {layers.map((rel, i) =>
            rel ? (
              <span key={LAYER_TABLES[i]}>
                {i === 0 ? 'bronze' : 'silver'}: {rel.rowCount?.toLocaleString() ?? '—'} rows
              </span>
            ) : null,
          )}
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

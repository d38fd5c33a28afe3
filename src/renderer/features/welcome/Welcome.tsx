import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRouteStore } from '../../stores/route-store';
import { useConnectionsStore } from '../connections/connections-store';
import { openBundleFile } from '../dashboards/bundle-files';
import { useImportStore } from '../sql/io/import-store';
import { SAMPLE_DATA } from './sample-data';
import { useWelcomeStore } from './welcome-store';
import './welcome.css';

const IMPORT_TYPES = '.csv,.tsv,.txt,.parquet,.json,.jsonl,.ndjson';

/** First start on an empty database: four ways to get data in front of the user, one click each. */
export function Welcome() {
  const navigate = useRouteStore((r) => r.navigate);
  const { sample, loadSample } = useWelcomeStore(useShallow((s) => ({ sample: s.sample, loadSample: s.loadSample })));
  const importInput = useRef<HTMLInputElement>(null);
  const bundleInput = useRef<HTMLInputElement>(null);
  const [bundleStatus, setBundleStatus] = useState<{ text: string; error?: boolean }>();

  const onSample = async () => {
    if (await loadSample()) navigate('dashboards', 'executive-overview');
  };
  const onImport = (file: File | undefined) => {
    if (!file) return;
    void useImportStore.getState().start(file);
    navigate('sql');
  };
  const onBundle = async (file: File | undefined) => {
    if (!file) return;
    setBundleStatus({ text: `Opening ${file.name}…` });
    try {
      const info = await openBundleFile(file, (f) => setBundleStatus({ text: `Opening ${file.name}… ${Math.round(f * 100)}%` }));
      setBundleStatus(undefined);
      navigate('dashboards', `bundle:${info.bundleId}`, 'present');
    } catch (error) {
      setBundleStatus({ text: `${file.name} could not be opened. ${(error as Error).message}`, error: true });
    }
  };
  const onWarehouse = () => {
    useConnectionsStore.getState().newProfile();
    navigate('connections');
  };
  const running = sample.phase === 'running';

  return (
    <section className="welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h2 id="welcome-title">Welcome to Medallion Workbench</h2>
      <p className="muted">
        The database is empty. Pick one way to start; everything stays on this computer unless you connect a warehouse.
      </p>
      <div className="welcome-actions">
        <div className="welcome-action">
          <button className="primary" disabled={running} onClick={() => void onSample()} data-testid="welcome-sample">
            Load sample data
          </button>
          <span className="muted">
            A month of simulated payments ({SAMPLE_DATA.events.toLocaleString('en-US')} events, seed {SAMPLE_DATA.seed}) through bronze →
            silver → gold, then the Executive Overview.
          </span>
          {running && (
            <div className="welcome-progress" data-testid="welcome-progress">
              <progress max={1} value={sample.fraction} aria-label="Loading sample data" />
              <span>{Math.round(sample.fraction * 100)}%</span>
            </div>
          )}
          {sample.phase === 'failed' && (
            <div className="error-box" role="alert" data-testid="welcome-error">
              {sample.message}
            </div>
          )}
        </div>
        <div className="welcome-action">
          <button onClick={() => importInput.current?.click()} data-testid="welcome-import">
            Import a CSV or Parquet file…
          </button>
          <span className="muted">Preview it, name the table, then query it on the SQL page.</span>
          <input
            ref={importInput}
            type="file"
            accept={IMPORT_TYPES}
            hidden
            data-testid="welcome-import-input"
            onChange={(e) => onImport(e.target.files?.[0])}
          />
        </div>
        <div className="welcome-action">
          <button onClick={onWarehouse} data-testid="welcome-warehouse">
            Connect a Databricks warehouse…
          </button>
          <span className="muted">Run the dashboards and your SQL on a SQL warehouse, or pull tables to work offline.</span>
        </div>
        <div className="welcome-action">
          <button onClick={() => bundleInput.current?.click()} data-testid="welcome-bundle">
            Open a dashboard bundle (.mdash)…
          </button>
          <span className="muted">A packaged dashboard someone sent you; it opens read-only, offline.</span>
          <input
            ref={bundleInput}
            type="file"
            accept=".mdash"
            hidden
            data-testid="welcome-bundle-input"
            onChange={(e) => void onBundle(e.target.files?.[0])}
          />
          {bundleStatus && (
            <div className={bundleStatus.error ? 'error-box' : 'muted'} role="status" data-testid="welcome-bundle-status">
              {bundleStatus.text}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

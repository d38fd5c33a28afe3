import { useDeployStore } from './deploy-store';
import { useShallow } from 'zustand/react/shallow';

/** Exports the pipeline, gold views and dashboards as a Databricks Asset Bundle folder. */
export function DeployDatabricks() {
  const s = useDeployStore(
    useShallow((x) => ({
      busy: x.busy,
      catalog: x.catalog,
      error: x.error,
      exportBundle: x.exportBundle,
      keep: x.keep,
      occupied: x.occupied,
      result: x.result,
      schema: x.schema,
      set: x.set,
    })),
  );
  return (
    <section className="pipeline-panel" data-testid="deploy-panel">
      <h2>Databricks</h2>
      <div className="toolbar wrap">
        <label>
          Catalog{' '}
          <input
            className="deploy-name"
            value={s.catalog}
            onChange={(e) => s.set({ catalog: e.target.value })}
            data-testid="deploy-catalog"
          />
        </label>
        <label>
          Schema{' '}
          <input className="deploy-name" value={s.schema} onChange={(e) => s.set({ schema: e.target.value })} data-testid="deploy-schema" />
        </label>
        <button className="primary" data-testid="deploy-databricks" disabled={s.busy} onClick={() => void s.exportBundle()}>
          Deploy to Databricks…
        </button>
      </div>
      <p className="muted">Writes a Databricks Asset Bundle folder: the Lakeflow pipeline, the 19 gold views and the ten dashboards.</p>
      {s.occupied && (
        <div className="notice-box" role="alertdialog" aria-label="Replace the bundle?" data-testid="deploy-occupied">
          <p>
            <code>{s.occupied}</code> already holds files. Replace the bundle&apos;s files there? Other files in the folder are left alone.
          </p>
          <div className="toolbar">
            <button className="danger" data-testid="deploy-replace" disabled={s.busy} onClick={() => void s.exportBundle(true)}>
              Replace
            </button>
            <button data-testid="deploy-keep" disabled={s.busy} onClick={() => s.keep()}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {s.result && (
        <p data-testid="deploy-result">
          {s.result.replaced ? 'Replaced' : 'Wrote'} {s.result.files} files in <code>{s.result.out}</code>. Deploy with{' '}
          <code>databricks bundle deploy</code> (see its README.md).
        </p>
      )}
      {s.error && (
        <div className="error-box" role="alert" data-testid="deploy-error">
          {s.error}
        </div>
      )}
    </section>
  );
}

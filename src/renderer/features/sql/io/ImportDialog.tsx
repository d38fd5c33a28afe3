import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cellText, formatBytes } from '../grid/cell-format';
import { useImportStore } from './import-store';

/** Preview of a dropped file, its table name, and the load with progress. */
export function ImportDialog({ onQuery }: { onQuery(sql: string): void }) {
  const { phase, fileName, percent, preview, error, loaded, load, close } = useImportStore(
    useShallow((s) => ({
      phase: s.phase,
      fileName: s.fileName,
      percent: s.percent,
      preview: s.preview,
      error: s.error,
      loaded: s.loaded,
      load: s.load,
      close: s.close,
    })),
  );
  const [name, setName] = useState('');
  useEffect(() => {
    if (preview) setName(preview.suggestedName);
  }, [preview]);
  if (phase === 'idle') return null;
  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-label="Import a file" data-testid="import-dialog">
        <h2>Import {fileName}</h2>
        {(phase === 'uploading' || phase === 'loading') && (
          <div className="progress" data-testid="import-progress">
            <span>{phase === 'uploading' ? 'Reading the file…' : 'Creating the table…'}</span>
            <progress max={100} value={percent} />
          </div>
        )}
        {error && (
          <div className="error-box" role="alert" data-testid="import-error">
            {error}
          </div>
        )}
        {preview && phase !== 'done' && (
          <>
            <p className="muted">
              {preview.format.toUpperCase()} · {formatBytes(preview.bytes)} · {preview.columns.length} columns · first {preview.rows.length}{' '}
              rows:
            </p>
            <div className="import-preview">
              <table className="result-table" data-testid="import-preview">
                <thead>
                  <tr>
                    {preview.columns.map((c) => (
                      <th key={c.name}>
                        {c.name}
                        <span className="col-type">{c.type}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, 20).map((r, i) => (
                    <tr key={i}>
                      {r.map((c, j) => (
                        <td key={j}>{cellText(c)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <label className="field">
              <span>Table name</span>
              <input value={name} onChange={(e) => setName(e.target.value)} data-testid="import-name" />
            </label>
          </>
        )}
        {phase === 'done' && loaded && (
          <p data-testid="import-done">
            Created <code>{loaded.table}</code> with {loaded.rows.toLocaleString()} rows.
          </p>
        )}
        <div className="modal-actions">
          <button onClick={close} data-testid="import-close">
            {phase === 'done' || phase === 'error' ? 'Close' : 'Cancel'}
          </button>
          {phase === 'preview' && (
            <button className="primary" onClick={() => void load(name)} disabled={!name.trim()} data-testid="import-load">
              Create table
            </button>
          )}
          {phase === 'done' && loaded && (
            <button
              className="primary"
              onClick={() => {
                onQuery(`SELECT * FROM ${loaded.table};`);
                close();
              }}
            >
              Query it
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

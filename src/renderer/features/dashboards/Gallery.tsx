import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AppError } from '../../../shared/errors';
import { useRouteStore } from '../../stores/route-store';
import { useStreamStore } from '../../stores/stream-store';
import { Welcome } from '../welcome/Welcome';
import { useWelcomeStore } from '../welcome/welcome-store';
import { openBundleFile } from './bundle-files';
import { useDashboardsStore } from './dashboards-store';

const BUNDLE_EXT = '.mdash';

/** All dashboards as cards, plus opening a bundle (file picker or drag and drop) and importing a Lakeview file. */
export function Gallery() {
  // A selector, not the whole store: the open dashboard's results and live ticks do not concern the gallery.
  const { summaries, listError, loadList, importFile } = useDashboardsStore(
    useShallow((s) => ({ summaries: s.summaries, listError: s.listError, loadList: s.loadList, importFile: s.importLakeview })),
  );
  const navigate = useRouteStore((r) => r.navigate);
  const bundleInput = useRef<HTMLInputElement>(null);
  const lakeviewInput = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [dragging, setDragging] = useState(false);
  const [conflict, setConflict] = useState<{ fileName: string; content: string; message: string }>();
  const layers = useStreamStore((st) => st.layers);
  const sampleRunning = useWelcomeStore((w) => w.sample.phase === 'running');
  // The welcome stays while its own sample load runs, though silver fills during it.
  const emptyDatabase = !!layers && layers.bronze === 0 && layers.silver === 0;

  useEffect(() => {
    void loadList();
  }, [loadList]);

  const openBundle = async (file: File) => {
    setStatus({ text: `Opening ${file.name}…` });
    try {
      const info = await openBundleFile(file, (f) => setStatus({ text: `Opening ${file.name}… ${Math.round(f * 100)}%` }));
      setStatus(undefined);
      navigate('dashboards', `bundle:${info.bundleId}`, 'present');
    } catch (error) {
      setStatus({ text: `${file.name} could not be opened. ${(error as Error).message}`, error: true });
    }
  };
  const importLakeview = async (fileName: string, content: string, onExisting?: 'replace' | 'copy') => {
    setConflict(undefined);
    try {
      const r = await importFile(fileName, content, onExisting);
      const note = r.unsupported.length ? ` ${r.unsupported.length} widget(s) are shown as placeholders: ${r.unsupported.join(', ')}.` : '';
      setStatus({ text: `${r.replaced ? 'Replaced' : 'Imported'} “${r.title}” with ${r.widgetCount} widgets.${note}` });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT' && !onExisting) {
        // Never overwrite silently: the user chooses replace or copy.
        setStatus(undefined);
        setConflict({ fileName, content, message: error.message });
        return;
      }
      setStatus({ text: `${fileName} could not be imported. ${(error as Error).message}`, error: true });
    }
  };
  const onFile = (file: File | undefined) => {
    if (!file) return;
    if (file.name.toLowerCase().endsWith('.json')) void file.text().then((text) => importLakeview(file.name, text));
    else void openBundle(file);
  };

  return (
    <div
      className={`page dashboard-gallery${dragging ? ' dragging' : ''}`}
      data-testid="dashboard-gallery"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        onFile(e.dataTransfer.files[0]);
      }}
    >
      {(emptyDatabase || sampleRunning) && <Welcome />}
      <div className="toolbar">
        <button onClick={() => bundleInput.current?.click()} data-testid="open-bundle">
          Open bundle…
        </button>
        <button onClick={() => lakeviewInput.current?.click()} data-testid="import-lakeview">
          Import Lakeview…
        </button>
        <span className="muted">or drop a {BUNDLE_EXT} bundle or a .lvdash.json file here</span>
        <input
          ref={bundleInput}
          type="file"
          accept={BUNDLE_EXT}
          hidden
          data-testid="bundle-file-input"
          onChange={(e) => onFile(e.target.files?.[0])}
        />
        <input
          ref={lakeviewInput}
          type="file"
          accept=".json,.lvdash.json"
          hidden
          data-testid="lakeview-file-input"
          onChange={(e) => onFile(e.target.files?.[0])}
        />
      </div>
      {status && (
        <div className={status.error ? 'error-box' : 'notice-box'} role="status" data-testid="gallery-status">
          {status.text}
        </div>
      )}
      {conflict && (
        <div className="notice-box" role="alertdialog" aria-label="Dashboard already imported" data-testid="import-conflict">
          <p>{conflict.message}</p>
          <button
            className="primary"
            data-testid="import-replace"
            onClick={() => void importLakeview(conflict.fileName, conflict.content, 'replace')}
          >
            Replace
          </button>{' '}
          <button data-testid="import-copy" onClick={() => void importLakeview(conflict.fileName, conflict.content, 'copy')}>
            Import as copy
          </button>{' '}
          <button data-testid="import-cancel" onClick={() => setConflict(undefined)}>
            Cancel
          </button>
        </div>
      )}
      {listError && (
        <div className="error-box" role="alert">
          {listError}
        </div>
      )}
      <div className="gallery-grid">
        {summaries.map((d) => (
          <button
            key={d.id}
            className="gallery-card"
            onClick={() => navigate('dashboards', d.id)}
            data-testid="dashboard-card"
            data-dashboard-id={d.id}
          >
            <span className="gallery-title">{d.title}</span>
            <span className="muted">{d.description}</span>
            <span className="gallery-meta">
              {d.widgetCount} widgets{d.source !== 'builtin' ? ` · ${d.source === 'bundle' ? 'bundle' : 'imported'}` : ''}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

import { useState } from 'react';
import type { ExportFormat, Job } from '../../../../shared/api';
import { progressFraction } from '../../../../shared/jobs/progress';
import { api } from '../../../api/client';
import { followJob } from '../../../api/job-follow';
import { formatBytes } from '../grid/cell-format';

const newId = () => `ex${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** Export a whole result (not just what is on screen) through DuckDB COPY, with progress. */
export function ExportMenu({ resultId }: { resultId: string | null }) {
  const [busy, setBusy] = useState<{ format: ExportFormat; percent: number; jobId?: string } | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const run = async (format: ExportFormat) => {
    if (!resultId) return;
    const exportId = newId();
    setBusy({ format, percent: 0 });
    setMessage(undefined);
    // The export's job, adopted by its key (the call answers only when it has ended); Cancel needs its id.
    let followed: Job | undefined;
    const off = followJob(
      api,
      { key: `sqlwb.export:${exportId}` },
      () => followed,
      (job) => {
        followed = job;
        if (job.state === 'running') setBusy({ format, percent: Math.round(100 * progressFraction(job.progress)), jobId: job.id });
      },
    );
    try {
      // In the desktop app there is no HTTP server to download from: core asks where to save.
      const browser = api.transportKind === 'http';
      const out = await api.call('sqlwb.export', { resultId, format, exportId, toDownloads: browser ? undefined : true });
      if (out.cancelled) return;
      const url = out.downloadPath ? api.downloadUrl(out.downloadPath) : undefined;
      if (url) {
        const link = document.createElement('a');
        link.href = url;
        link.download = out.fileName;
        link.click();
      }
      setMessage({
        text: `${out.rows.toLocaleString()} rows → ${out.fileName} (${formatBytes(out.bytes)})${url ? '' : out.path ? ` at ${out.path}` : ''}`,
        error: false,
      });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      off();
      setBusy(undefined);
    }
  };
  return (
    <span className="export-menu" data-testid="export-menu">
      <span className="muted">Export</span>
      {(['csv', 'parquet', 'json'] as const).map((f) => (
        <button
          key={f}
          disabled={!resultId || !!busy}
          onClick={() => void run(f)}
          data-testid={`export-${f}`}
          title={resultId ? `Export the whole result as ${f.toUpperCase()}` : 'Only SELECT results can be exported'}
        >
          {f.toUpperCase()}
        </button>
      ))}
      {busy && (
        <span data-testid="export-progress">
          <progress max={100} value={busy.percent} /> {busy.percent}%{' '}
          <button disabled={!busy.jobId} onClick={() => void api.call('jobs.cancel', { id: busy.jobId! })} data-testid="export-cancel">
            Cancel
          </button>
        </span>
      )}
      {message && (
        <span className={message.error ? 'status-error' : 'muted'} data-testid="export-message">
          {message.text}
        </span>
      )}
    </span>
  );
}

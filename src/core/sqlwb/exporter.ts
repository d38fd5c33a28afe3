import { existsSync, mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import type { ExportFormat, ExportOutput, SortKey } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { JobRegistry } from '../jobs/job-registry';
import type { DialogPort, FileFilter } from '../ports';
import type { DownloadRegistry } from './downloads';
import { fileBytes } from './local-result';
import type { ResultHandle } from '../engine/sql-target';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/x-ndjson; charset=utf-8',
};

const FILTERS: Record<ExportFormat, FileFilter> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  parquet: { name: 'Parquet', extensions: ['parquet'] },
  json: { name: 'JSON Lines', extensions: ['jsonl', 'json'] },
};

export interface ExportRequest {
  exportId: string;
  format: ExportFormat;
  path?: string;
  toDownloads?: boolean;
  sort?: SortKey[];
}

/** The user's Downloads folder (or the home folder), and a name there that is not taken yet. */
export function freeDownloadPath(fileName: string, folder = join(homedir(), 'Downloads')): string {
  const dir = existsSync(folder) ? folder : homedir();
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  let candidate = join(dir, fileName);
  for (let n = 1; existsSync(candidate); n++) candidate = join(dir, `${stem}-${n}${ext}`);
  return candidate;
}

/**
 * Streams a whole result to a file with DuckDB COPY, as a `sqlwb.export` job keyed by its exportId (progress in
 * percent as job.progressed, cancel with jobs.cancel; a second start of the same export is refused). A desktop
 * host asks where to save (native dialog; cancel → nothing written); without a destination the
 * file goes to a private temp folder and is offered as a one-time download.
 */
export async function exportResult(
  handle: ResultHandle,
  request: ExportRequest,
  deps: { jobs: JobRegistry; downloads: DownloadRegistry; dialogs?: DialogPort },
  signal: AbortSignal,
): Promise<ExportOutput> {
  const key = `sqlwb.export:${request.exportId}`;
  // Refused before the save dialog opens (and again once it closed, in exportJob).
  if (deps.jobs.active(key)) throw busy();
  const generated = `result-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${request.format === 'json' ? 'jsonl' : request.format}`;
  let chosen = request.path;
  if (!chosen && request.toDownloads) {
    if (deps.dialogs) {
      chosen = await deps.dialogs.chooseSavePath(generated, [FILTERS[request.format]]);
      if (!chosen)
        return { exportId: request.exportId, fileName: generated, bytes: 0, rows: 0, downloadPath: null, path: null, cancelled: true };
    } else {
      chosen = freeDownloadPath(generated);
    }
  }
  const fileName = chosen ? basename(chosen) : generated;
  let target: string;
  if (chosen) {
    target = resolve(chosen);
  } else {
    const dir = join(tmpdir(), 'medallion-exports', request.exportId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    target = join(dir, fileName);
  }
  const rows = await exportJob(deps.jobs, key, fileName, (onProgress, jobSignal) =>
    handle.exportTo(target, request.format, request.sort, onProgress, AbortSignal.any([signal, jobSignal])),
  );
  const bytes = fileBytes(target);
  if (chosen) return { exportId: request.exportId, fileName, bytes, rows, downloadPath: null, path: target, cancelled: false };
  deps.downloads.add({ id: request.exportId, path: target, fileName, contentType: CONTENT_TYPES[request.format] });
  return {
    exportId: request.exportId,
    fileName,
    bytes,
    rows,
    downloadPath: `/api/download/${request.exportId}`,
    path: null,
    cancelled: false,
  };
}

type Write = (onProgress: (percent: number, rows: number | null) => void, signal: AbortSignal) => Promise<number>;

/** Runs the COPY as a job; refused when the same export started meanwhile (the save dialog may have waited). */
function exportJob(jobs: JobRegistry, key: string, fileName: string, write: Write): Promise<number> {
  if (jobs.active(key)) throw busy();
  const rowsTo = (rows: number | null) => `${(rows ?? 0).toLocaleString('en-US')} rows → ${fileName}`;
  return jobs.start({ kind: 'sqlwb.export', key, message: `Exporting to ${fileName}`, total: 100 }, async (job) => {
    const rows = await write((percent, r) => job.progress({ done: Math.min(99, Math.round(percent)), message: rowsTo(r) }), job.signal);
    job.progress({ done: 100, message: rowsTo(rows) });
    return rows;
  }).result;
}

const busy = () => new AppError('CONFLICT', 'This export is already running; wait for it or cancel it first.');

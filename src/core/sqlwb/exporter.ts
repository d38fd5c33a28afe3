import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { ExportFormat, ExportOutput, SortKey } from '../../shared/api';
import type { EventBus } from '../api/event-bus';
import type { DownloadRegistry } from './downloads';
import { fileBytes } from './local-result';
import type { ResultHandle } from './targets';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/x-ndjson; charset=utf-8',
};

export interface ExportRequest {
  exportId: string;
  format: ExportFormat;
  path?: string;
  sort?: SortKey[];
}

/**
 * Streams a whole result to a file with DuckDB COPY, reporting progress as events. Without a
 * destination the file goes to a private temp folder and is offered as a one-time download.
 */
export async function exportResult(
  handle: ResultHandle,
  request: ExportRequest,
  deps: { events: EventBus; downloads: DownloadRegistry },
  signal: AbortSignal,
): Promise<ExportOutput> {
  const fileName = request.path ? basename(request.path) : `result-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${request.format === 'json' ? 'jsonl' : request.format}`;
  let target: string;
  if (request.path) {
    target = resolve(request.path);
  } else {
    const dir = join(tmpdir(), 'medallion-exports', request.exportId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    target = join(dir, fileName);
  }
  const emit = (percent: number, rows: number | null, done: boolean) =>
    deps.events.emit('sqlwb.progressed', { jobId: request.exportId, kind: 'export', percent, rows, done });
  emit(0, 0, false);
  const rows = await handle.exportTo(target, request.format, request.sort, (p, r) => emit(p, r, false), signal);
  emit(100, rows, true);
  const bytes = fileBytes(target);
  if (request.path) return { exportId: request.exportId, fileName, bytes, rows, downloadPath: null, path: target };
  deps.downloads.add({ id: request.exportId, path: target, fileName, contentType: CONTENT_TYPES[request.format] });
  return { exportId: request.exportId, fileName, bytes, rows, downloadPath: `/api/download/${request.exportId}`, path: null };
}

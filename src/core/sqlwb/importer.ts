import { appendFileSync, mkdirSync, openSync, readSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { ImportPreview } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { quoteIdent } from '../../shared/sql/quote';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { JobRegistry } from '../jobs/job-registry';
import { fillTemplate } from './sql-template';
import createFromSql from './sql/create_from.sql?raw';
import readCsvSql from './sql/read_csv.sql?raw';
import readJsonSql from './sql/read_json.sql?raw';
import readParquetSql from './sql/read_parquet.sql?raw';
import existsSql from './sql/relation_exists.sql?raw';

type Format = ImportPreview['format'];
const FORMATS: Record<string, Format> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
};
const READERS: Record<Format, string> = { csv: readCsvSql, parquet: readParquetSql, json: readJsonSql };
const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
const PREVIEW_ROWS = 50;

interface Upload {
  dir: string;
  path: string;
  fileName: string;
  nextIndex: number;
  bytes: number;
}

/**
 * Turns a file the user dropped into a table: receives it in slices (over IPC or HTTP alike),
 * previews it with DuckDB's readers, then creates the table in one statement, so a malformed
 * file fails as a whole and leaves nothing behind.
 */
export class Importer {
  private readonly uploads = new Map<string, Upload>();
  private readonly root = join(tmpdir(), 'medallion-uploads', String(process.pid));

  constructor(
    private readonly engine: Engine,
    private readonly events: EventBus,
    private readonly jobs: JobRegistry,
  ) {}

  receive(uploadId: string, fileName: string, chunk: string, index: number): number {
    let upload = this.uploads.get(uploadId);
    if (index === 0) {
      if (upload) this.discard(uploadId);
      if (!formatOf(fileName)) throw unsupported(fileName);
      const dir = join(this.root, uploadId);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const safe = basename(fileName).replace(/[^A-Za-z0-9._-]/g, '_');
      upload = { dir, path: join(dir, safe), fileName: basename(fileName), nextIndex: 0, bytes: 0 };
      writeFileSync(upload.path, '');
      this.uploads.set(uploadId, upload);
    }
    if (!upload || upload.nextIndex !== index) throw new AppError('CONFLICT', 'The file arrived out of order. Drop it again.');
    const data = Buffer.from(chunk, 'base64');
    if (upload.bytes + data.length > MAX_UPLOAD_BYTES) {
      this.discard(uploadId);
      throw new AppError('INVALID_FILE', 'The file is larger than 4 GB; load it with SQL (read_csv / read_parquet) instead.');
    }
    appendFileSync(upload.path, data);
    upload.bytes += data.length;
    upload.nextIndex++;
    return upload.bytes;
  }

  async preview(uploadId: string): Promise<ImportPreview> {
    const upload = this.get(uploadId);
    const format = formatOf(upload.fileName)!;
    if (upload.bytes === 0) throw new AppError('INVALID_FILE', `${upload.fileName} is empty: nothing to import.`);
    if (format === 'csv' && looksBinary(upload.path))
      throw new AppError('INVALID_FILE', `${upload.fileName} is not a text file, so it cannot be read as CSV.`);
    const result = await this.read(upload, format, () =>
      this.engine.query(`${READERS[format]} LIMIT ${PREVIEW_ROWS}`, { params: { path: upload.path }, maxRows: PREVIEW_ROWS }),
    );
    return {
      uploadId,
      fileName: upload.fileName,
      format,
      suggestedName: suggestName(upload.fileName),
      columns: result.columns,
      rows: result.rows,
      bytes: upload.bytes,
    };
  }

  /** Creates the table as a `sqlwb.import` job keyed by the upload (a second load of it while one runs is refused). */
  async load(uploadId: string, table: string, signal: AbortSignal): Promise<{ table: string; rows: number }> {
    const upload = this.get(uploadId);
    const format = formatOf(upload.fileName)!;
    const key = `sqlwb.import:${uploadId}`;
    const exists = await this.engine.query(existsSql, { params: { name: table } });
    if (exists.rows.some((r) => Number(r[0]) > 0))
      throw new AppError('CONFLICT', `A table or view named ${table} already exists. Choose another name.`);
    if (this.jobs.active(key))
      throw new AppError('CONFLICT', `${upload.fileName} is already being loaded; wait for it or cancel it first.`);
    const sql = fillTemplate(createFromSql, { table: `main.${quoteIdent(table)}`, select: READERS[format].trim() });
    const rowsInto = (rows: number) => `${rows.toLocaleString('en-US')} rows into ${table}`;
    const rows = await this.jobs.start({ kind: 'sqlwb.import', key, message: `Loading ${upload.fileName}`, total: 100 }, (job) =>
      this.read(upload, format, () =>
        this.engine.withConnection(sql, { signal: AbortSignal.any([signal, job.signal]) }, async (conn) => {
          await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
          const timer = setInterval(() => {
            const p = conn.progress;
            if (p.percentage >= 0)
              job.progress({ done: Math.min(99, Math.round(p.percentage)), message: rowsInto(Number(p.rows_processed)) });
          }, 200);
          try {
            const reader = await conn.runAndReadAll(sql, { path: upload.path });
            const loaded = Number(reader.getRowsJson()[0]?.[0] ?? 0);
            job.progress({ done: 100, message: rowsInto(loaded) });
            return loaded;
          } finally {
            clearInterval(timer);
          }
        }),
      ),
    ).result;
    this.discard(uploadId);
    this.events.emit('engine.changed', { reason: 'import', relations: [`main.${table}`] });
    return { table, rows };
  }

  /** Runs a read, turning DuckDB's complaints about the file into INVALID_FILE. */
  private async read<T>(upload: Upload, format: Format, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && error.code === 'SQL_ERROR') {
        throw new AppError(
          'INVALID_FILE',
          `${upload.fileName} could not be read as ${format.toUpperCase()}: ${error.message.split('\n')[0]}`,
        );
      }
      throw error;
    }
  }

  private get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new AppError('NOT_FOUND', 'That file is no longer waiting to be imported. Drop it again.');
    return upload;
  }

  discard(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (upload) rmSync(upload.dir, { recursive: true, force: true });
  }

  clear(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id);
  }
}

function formatOf(fileName: string): Format | undefined {
  return FORMATS[extname(fileName).toLowerCase()];
}

function unsupported(fileName: string): AppError {
  return new AppError(
    'INVALID_FILE',
    `${basename(fileName)} is not a CSV, Parquet or JSON file (by its extension). Drop a .csv, .tsv, .parquet, .json or .jsonl file.`,
  );
}

/** A NUL byte in the first 64 KB: not text. */
function looksBinary(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(65_536, statSync(path).size));
    readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.includes(0);
  } finally {
    closeSync(fd);
  }
}

/** A table name from a file name: letters, digits and _, starting with a letter. */
export function suggestName(fileName: string): string {
  const stem = basename(fileName)
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z]/.test(stem) ? stem : `t_${stem}`;
  return name.slice(0, 63) || 'imported';
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { quoteIdent } from '../../shared/sql/quote';
import { EVENT_COLUMNS } from './event-columns';
import { commitFileBatch, PACED_CANCELLED, replayPaced, type FileBatcher } from './file-paced';
import { expandFileSet, isFileSet, sumSummaries } from './file-set';
import { loadFile, type FileProblem } from './file-source';
import { readWith, runWith } from './param-types';
import type { ReplayControl } from './replay';
import { committedBatches, finishRun, openRun } from './run-registry';
import { ensurePipelineSchema } from './schema';
import { summariseRun, type ReplaySummary } from './summary';

/** A file replay's summary: the run totals plus what was wrong with the file. */
export interface FileReplaySummary extends ReplaySummary {
  file: string;
  format: string;
  problems: FileProblem[];
  problems_total: number;
  warnings: string[];
  /** A glob or folder: each file's outcome (one run per file, so a rerun skips those already in). */
  files?: { file: string; status: 'ingested' | 'failed'; records?: number; message?: string }[];
}

/**
 * A bulk batch holds about this much memory of records: batches are sized by memory, whatever the
 * width of the records (a record weighs its text, or its uncompressed Parquet columns, and at
 * least the 16 bytes DuckDB gives every value of a column). The file's temp table already holds
 * every record (spilling past the memory limit), and a batch of several is a slice copied out of
 * it: smaller batches add copies without lowering the peak (3M-record CSV: 3 batches 34.4 CPU-s and
 * 1,392 MB, 1 batch 30.2 CPU-s and 1,378 MB), so a batch is as large as BATCH_LINES_MAX allows.
 */
const BATCH_BYTES = 2 * 1024 * 1024 * 1024;
const BYTES_PER_VALUE = 16;
const BATCH_LINES_MIN = 50_000;
const BATCH_LINES_MAX = 4_000_000;
const PROBLEMS_SHOWN = 20;
const BULK_CANCELLED = 'The file replay was cancelled; run it again to resume.';

/** How a file is replayed: in bulk (default), or paced by its event timestamps. */
export interface FileReplayOptions {
  /**
   * Replay at the recording's own pace: 1 = original speed, 60 = a minute of events per second.
   * Records go in in event-time order, a micro-batch per tick. Omitted: as fast as possible.
   */
  speed?: number;
  /** Records per bulk batch instead of the size BATCH_BYTES gives (tests and benchmarks of multi-batch files). */
  batchLines?: number;
}

/** Checks a replay's pace (the contract checks pipeline.replayFile's speed the same way, with the field's name). */
export function validateSpeed(speed: number): void {
  if (!(Number.isFinite(speed) && speed > 0 && speed <= 1_000_000)) {
    throw new AppError(
      'INVALID_INPUT',
      `The replay speed must be a number above 0 and at most 1,000,000 (1 = original speed), not ${speed}.`,
    );
  }
}

/**
 * Replays a recorded CSV / JSON-lines / Parquet file through bronze → silver. Unreadable records
 * (truncated, malformed, wrong types) are quarantined with their line and reason; the rest go in,
 * batch by batch, each batch atomic and skipped on a rerun of the same (unchanged) file.
 */
export async function replayFile(
  engine: Engine,
  path: string,
  control: ReplayControl = {},
  options: FileReplayOptions = {},
): Promise<FileReplaySummary> {
  if (options.speed !== undefined) validateSpeed(options.speed);
  if (options.batchLines !== undefined && !(Number.isInteger(options.batchLines) && options.batchLines > 0))
    throw new AppError('INVALID_INPUT', `batchLines must be a whole number above 0, not ${options.batchLines}.`);
  if (isFileSet(path)) return replayFileSet(engine, path, control, options);
  const started = performance.now();
  const full = resolve(path);
  const name = basename(full);
  await ensurePipelineSchema(engine);
  const cancelled = options.speed === undefined ? BULK_CANCELLED : PACED_CANCELLED;
  return replayInConnection(engine, full, name, control, options, started).catch((error: unknown) => {
    // Cancel interrupts whatever statement runs; say what it means for the run, not for the statement.
    throw control.signal?.aborted ? new AppError('CANCELLED', cancelled) : error;
  });
}

/**
 * Replays every recording a glob or folder names, file by file in name order, each its own run.
 * A file that cannot be replayed (empty, unreadable, missing a column, changing while read) is
 * one line in `warnings` and the others still go in; a rerun skips the files already in.
 */
async function replayFileSet(
  engine: Engine,
  pattern: string,
  control: ReplayControl,
  options: FileReplayOptions,
): Promise<FileReplaySummary> {
  const started = performance.now();
  const { files, skipped } = await expandFileSet(engine, pattern);
  const parts: FileReplaySummary[] = [];
  const outcomes: NonNullable<FileReplaySummary['files']> = [];
  const warnings = [...skipped];
  for (const file of files) {
    try {
      const part = await replayFile(engine, file, control, options);
      parts.push(part);
      outcomes.push({ file, status: 'ingested', records: part.events_generated });
      warnings.push(...part.warnings);
    } catch (error) {
      if (!(error instanceof AppError) || !['INVALID_FILE', 'NOT_FOUND'].includes(error.code)) throw error;
      outcomes.push({ file, status: 'failed', message: error.message });
      warnings.push(`${error.message} (the other files were replayed)`);
    }
  }
  if (parts.length === 0)
    throw new AppError('INVALID_FILE', warnings.map((w) => w.replace(' (the other files were replayed)', '')).join('\n'));
  const formats = [...new Set(parts.map((p) => p.format))].join('+');
  const problems = parts.flatMap((p) => p.problems.map((problem) => ({ ...problem, file: basename(p.file) })));
  return {
    ...sumSummaries(parts, performance.now() - started),
    file: resolve(pattern),
    format: formats || 'none',
    problems: problems.slice(0, PROBLEMS_SHOWN),
    problems_total: parts.reduce((n, p) => n + p.problems_total, 0),
    warnings,
    files: outcomes,
  };
}

async function replayInConnection(
  engine: Engine,
  full: string,
  name: string,
  control: ReplayControl,
  options: FileReplayOptions,
  started: number,
): Promise<FileReplaySummary> {
  return engine.withConnection('-- replay file', { signal: control.signal }, async (conn) => {
    const before = fileStamp(full);
    const loaded = await loadFile(conn, full);
    const stat = statSync(full);
    // A file still being written (a landing volume): what was read may end mid-record. Nothing of it is committed yet.
    if (before !== fileStamp(full)) {
      throw new AppError(
        'INVALID_FILE',
        `${name}: the file changed while it was read (${before} → ${fileStamp(full)}); nothing of it was imported. Replay it once it is complete.`,
      );
    }
    const paced = options.speed !== undefined;
    const kind = paced ? 'file-paced' : 'file';
    const runKey = `${kind}:` + createHash('sha256').update(`${full}|${stat.size}|${stat.mtimeMs}`).digest('hex').slice(0, 16);
    await openRun(conn, runKey, kind, { file: full, size: stat.size, format: loaded.format, ...(paced ? { speed: options.speed } : {}) });
    const problemsTotal = loaded.problems.length;
    const batch: FileBatcher = {
      runKey,
      source: `file:${name}`,
      problems: problemsTotal,
      stage: (column, lo, hi, whole) => stageFileBatch(conn, column, lo, hi, whole),
      unreadableSql,
    };
    if (paced) await replayPaced(conn, batch, options.speed!, control, started);
    else {
      // Every record carries its line, so nothing downstream needs the rows in file order: this
      // connection's inserts may then write in parallel without merging their output back in order.
      await runWith(conn, 'SET SESSION preserve_insertion_order = false', {});
      await replayBulk(
        conn,
        batch,
        options.batchLines ?? (await batchLines(conn, full, loaded.format, stat.size, loaded.records, loaded.columns + 2)),
        control,
        started,
      );
      await runWith(conn, 'RESET SESSION preserve_insertion_order', {});
    }
    const wrongTypeProblems = await readWith(
      conn,
      `SELECT source_line, reason, raw_record FROM payments_quarantine
       WHERE _batch_id IN (SELECT batch_id FROM pipeline_batches WHERE run_key = $k) AND reason LIKE 'wrong_type%' ORDER BY source_line LIMIT ${PROBLEMS_SHOWN}`,
      { k: runKey },
    );
    await runWith(conn, 'DROP TABLE IF EXISTS file_raw; DROP TABLE IF EXISTS pipeline_stage; DROP TABLE IF EXISTS file_batch', {});
    await finishRun(conn, runKey);
    const summary = await summariseRun(conn, runKey, loaded.records + problemsTotal, performance.now() - started);
    const problems = [
      ...loaded.problems,
      ...wrongTypeProblems.map((r) => ({
        line: Number(r.source_line),
        problem: String(r.reason).replace(/^wrong_type: /u, 'wrong type: '),
        raw: String(r.raw_record ?? ''),
      })),
    ]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .slice(0, PROBLEMS_SHOWN);
    const problemsAll = problemsTotal + (summary.quarantined['wrong_type'] ?? 0);
    return { ...summary, file: full, format: loaded.format, problems, problems_total: problemsAll, warnings: loaded.warnings };
  });
}

function fileStamp(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.size} bytes, modified ${new Date(stat.mtimeMs).toISOString()}` : 'gone';
}

/**
 * Lines per bulk batch for BATCH_BYTES of this file; the same for the same file, so a rerun skips the
 * same batches (`columns`: the file's event columns plus two, as when the batch size was set).
 */
async function batchLines(
  conn: DuckDBConnection,
  path: string,
  format: string,
  size: number,
  records: number,
  columns: number,
): Promise<number> {
  let bytes = size;
  if (format === 'parquet') {
    const r = await readWith(conn, 'SELECT sum(total_uncompressed_size) AS b FROM parquet_metadata($path)', { path });
    bytes = Number(r[0]?.b ?? size);
  }
  const perRecord = Math.max(BYTES_PER_VALUE * columns, bytes / Math.max(1, records));
  return Math.min(BATCH_LINES_MAX, Math.max(BATCH_LINES_MIN, Math.round(BATCH_BYTES / perRecord)));
}

/** As fast as possible: line ranges of `lines`, each batch skipped if already committed. */
async function replayBulk(
  conn: DuckDBConnection,
  batch: FileBatcher,
  lines: number,
  control: ReplayControl,
  started: number,
): Promise<void> {
  const done = await committedBatches(conn, batch.runKey);
  const maxLine = Number((await readWith(conn, 'SELECT coalesce(max(_line), 0) AS m FROM file_raw', {}))[0]?.m ?? 0);
  const batchesTotal = Math.max(1, Math.ceil((maxLine + 1) / lines));
  for (let batchNo = 0; batchNo < batchesTotal; batchNo++) {
    if (control.signal?.aborted) throw new AppError('CANCELLED', BULK_CANCELLED);
    const lo = batchNo * lines;
    const hi = lo + lines;
    if (!done.has(batchNo)) await commitFileBatch(conn, batch, batchNo, '_line', lo, hi, true, batchesTotal === 1);
    const eventsDone = Math.min(maxLine, hi);
    control.onProgress?.({
      runKey: batch.runKey,
      batchesDone: batchNo + 1,
      batchesTotal,
      eventsDone,
      eventsTotal: maxLine,
      elapsedMs: performance.now() - started,
    });
  }
}

/**
 * Stages records with `column` (_line, or _seq when paced) in [lo, hi): `file_raw` is already in
 * the stage's shape, so a batch is a slice of it — or, when one batch takes the whole file, the
 * table itself (renamed, not copied). Records with a value that does not fit its type leave the
 * stage for `file_batch` and are quarantined instead. Returns how many were.
 */
async function stageFileBatch(conn: DuckDBConnection, column: '_line' | '_seq', lo: number, hi: number, whole: boolean): Promise<number> {
  if (whole) await runWith(conn, 'DROP TABLE IF EXISTS pipeline_stage; ALTER TABLE file_raw RENAME TO pipeline_stage', {});
  else
    await runWith(
      conn,
      `CREATE OR REPLACE TEMP TABLE pipeline_stage AS
       SELECT * FROM file_raw WHERE ${column} >= $lo AND ${column} < $hi${column === '_seq' ? ' ORDER BY _line' : ''}`,
      { lo: BigInt(lo), hi: BigInt(hi) },
    );
  const bad = Number((await readWith(conn, 'SELECT count(*) AS n FROM pipeline_stage WHERE _bad_column IS NOT NULL', {}))[0]?.n ?? 0);
  // The wrong-typed records, with their values as read in _raw; usually none.
  await runWith(
    conn,
    `CREATE OR REPLACE TEMP TABLE file_batch AS SELECT * FROM pipeline_stage WHERE ${bad > 0 ? '_bad_column IS NOT NULL' : 'false'}`,
    {},
  );
  if (bad > 0) await runWith(conn, 'DELETE FROM pipeline_stage WHERE _bad_column IS NOT NULL', {});
  return bad;
}

/** Quarantines the batch's wrong-typed records and (first batch only) the unparseable ones. */
function unreadableSql(withParseErrors: boolean): string {
  const nulls = EVENT_COLUMNS.slice(1)
    .map(([c, t]) => `NULL::${t} AS ${quoteIdent(c)}`)
    .join(', ');
  const wrongTypes = `SELECT TRY_CAST(transaction_id AS VARCHAR) AS transaction_id, ${nulls},
      'wrong_type: ' || _bad_column || ' has a value that is not a valid ' || _bad_column AS reason,
      coalesce(_raw, CAST(to_json(fb) AS VARCHAR)) AS raw_record, _line AS source_line, $ingested_at, $batch_id, $source
    FROM file_batch fb WHERE _bad_column IS NOT NULL`;
  const parseErrors = `SELECT NULL::VARCHAR AS transaction_id, ${nulls}, 'parse_error: ' || problem, raw, line, $ingested_at, $batch_id, $source FROM file_problems`;
  return `INSERT INTO payments_quarantine ${wrongTypes}${withParseErrors ? ` UNION ALL ${parseErrors}` : ''}`;
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../shared/errors';
import { commitStagedBatch, foldPendingGold } from './batch-commit';
import fileOrderSql from './batch/file_order_by_time.sql?raw';
import { readWith, runWith } from './param-types';
import type { ReplayControl } from './replay';
import { resumePoint } from './run-registry';

/** What a file replay loop needs to stage and commit one batch of the loaded file. */
export interface FileBatcher {
  runKey: string;
  source: string;
  /** Unparseable records found while loading; quarantined by the run's first batch. */
  problems: number;
  /**
   * Stages records with `column` in [lo, hi) into pipeline_stage (`whole`: they are all of the
   * loaded file, which then becomes the stage); returns how many had wrong types.
   */
  stage: (column: '_line' | '_seq', lo: number, hi: number, whole: boolean) => Promise<number>;
  unreadableSql: (withParseErrors: boolean) => string;
}

/** A paced replay commits a micro-batch per tick; gold is folded about once a second. */
const TICK_MS = 100;
const FOLD_EVERY_MS = 1000;
const MAX_BATCH = 1_000_000;
export const PACED_CANCELLED = 'The file replay was cancelled; run it again at the same speed to resume where it stopped.';

/** Stages and commits records [lo, hi) of `column` as batch `batchNo` of the run, atomically. */
export async function commitFileBatch(
  conn: DuckDBConnection,
  batch: FileBatcher,
  batchNo: number,
  column: '_line' | '_seq',
  lo: number,
  hi: number,
  foldGold: boolean,
  whole = false,
): Promise<void> {
  const wrongTypes = await batch.stage(column, lo, hi, whole);
  const unreadableRows = wrongTypes + (batchNo === 0 ? batch.problems : 0);
  await commitStagedBatch(conn, {
    runKey: batch.runKey,
    batchNo,
    source: batch.source,
    slotLo: lo,
    slotHi: hi,
    dedupeAgainstSilver: true,
    unreadable: { sql: batch.unreadableSql(batchNo === 0), rows: unreadableRows },
    foldGold,
  });
}

/**
 * Replays the loaded file at `speed` × its own pace: records are ordered by event time and each
 * tick commits those whose time has come on the replay clock (which starts at the first record
 * not yet committed, so a resumed replay carries on without a burst or a gap). Records without a
 * readable timestamp go first. Cancel leaves a resumable run: rerun the same file and speed.
 */
export async function replayPaced(
  conn: DuckDBConnection,
  batch: FileBatcher,
  speed: number,
  control: ReplayControl,
  started: number,
): Promise<void> {
  try {
    await pace(conn, batch, speed, control, started);
  } catch (error) {
    if (!control.signal?.aborted) throw error;
    // Committed batches stay (the rerun resumes after them); fold them so the views show them.
    await foldPendingGold(conn).catch(() => undefined);
    throw new AppError('CANCELLED', PACED_CANCELLED);
  }
}

async function pace(conn: DuckDBConnection, batch: FileBatcher, speed: number, control: ReplayControl, started: number): Promise<void> {
  const hasTime = await readWith(
    conn,
    "SELECT 1 FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = 'file_raw' AND column_name = 'event_timestamp'",
    {},
  );
  if (hasTime.length === 0)
    throw new AppError(
      'INVALID_FILE',
      'A replay at a chosen speed orders records by event_timestamp, and this file has no event_timestamp column.',
    );
  await runWith(conn, fileOrderSql, {});
  const total = Number((await readWith(conn, 'SELECT count(*) AS n FROM file_raw', {}))[0]?.n ?? 0);
  let { nextSlot: next, batchNo } = await resumePoint(conn, batch.runKey);
  const origin = (
    await readWith(conn, 'SELECT epoch_us(min(_ts)) AS t FROM file_raw WHERE _seq >= $next AND _ts IS NOT NULL', { next: BigInt(next) })
  )[0]?.t;
  const originUs = origin === null || origin === undefined ? null : Number(origin);
  const wallStart = Date.now();
  let lastFold = Date.now();
  while (next < total) {
    if (control.signal?.aborted) throw new AppError('CANCELLED', PACED_CANCELLED);
    const dueUs = originUs === null ? null : originUs + (Date.now() - wallStart) * 1000 * speed;
    const hi = Math.min(next + MAX_BATCH, await dueCount(conn, dueUs, total));
    if (hi > next) {
      const fold = Date.now() - lastFold >= FOLD_EVERY_MS;
      await commitFileBatch(conn, batch, batchNo, '_seq', next, hi, fold);
      if (fold) lastFold = Date.now();
      next = hi;
      batchNo++;
      control.onProgress?.({
        runKey: batch.runKey,
        batchesDone: batchNo,
        batchesTotal: batchNo,
        eventsDone: next,
        eventsTotal: total,
        elapsedMs: performance.now() - started,
      });
    }
    if (next < total) await sleep(TICK_MS, control.signal);
  }
  await foldPendingGold(conn);
}

/** How many records (in _seq order) are due at `dueUs`: all of them when the file has no timestamps. */
async function dueCount(conn: DuckDBConnection, dueUs: number | null, total: number): Promise<number> {
  if (dueUs === null) return total;
  const rows = await readWith(conn, 'SELECT count(*) AS n FROM file_raw WHERE _ts IS NULL OR epoch_us(_ts) <= $due', {
    due: BigInt(Math.floor(dueUs)),
  });
  return Number(rows[0]?.n ?? 0);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { timestampValue } from '@duckdb/node-api';

/** A run as remembered in `pipeline_runs`: its resolved settings, so a resume uses the same clock. */
export interface RunRecord {
  runKey: string;
  settings: Record<string, unknown>;
  finished: boolean;
}

/** Finds the run by key, or records it with these settings; the stored settings win on resume. */
export async function openRun(conn: DuckDBConnection, runKey: string, kind: string, settings: Record<string, unknown>): Promise<RunRecord> {
  const found = await conn.runAndReadAll('SELECT settings_json, finished_at IS NOT NULL FROM pipeline_runs WHERE run_key = $k', {
    k: runKey,
  });
  const row = found.getRows()[0];
  if (row) return { runKey, settings: JSON.parse(String(row[0])) as Record<string, unknown>, finished: Boolean(row[1]) };
  await conn.run('INSERT INTO pipeline_runs VALUES ($k, $kind, $s, $now, NULL)', {
    k: runKey,
    kind,
    s: JSON.stringify(settings),
    now: timestampValue(BigInt(Date.now()) * 1000n),
  });
  return { runKey, settings, finished: false };
}

export async function finishRun(conn: DuckDBConnection, runKey: string): Promise<void> {
  await conn.run('UPDATE pipeline_runs SET finished_at = $now WHERE run_key = $k', {
    k: runKey,
    now: timestampValue(BigInt(Date.now()) * 1000n),
  });
}

/** Marks a finished run as open again (a live stream restarted with the same seed continues it). */
export async function reopenRun(conn: DuckDBConnection, runKey: string): Promise<void> {
  await conn.run('UPDATE pipeline_runs SET finished_at = NULL WHERE run_key = $k', { k: runKey });
}

/** Batch numbers of this run that are already committed (their data is in; never redo them). */
export async function committedBatches(conn: DuckDBConnection, runKey: string): Promise<Set<number>> {
  const r = await conn.runAndReadAll('SELECT batch_no FROM pipeline_batches WHERE run_key = $k', { k: runKey });
  return new Set(r.getRows().map((row) => Number(row[0])));
}

/** True when another run already wrote ids with this prefix, so silver must be checked for duplicates. */
export async function prefixShared(conn: DuckDBConnection, runKey: string, prefix: string): Promise<boolean> {
  const r = await conn.runAndReadAll(
    "SELECT count(*) FROM pipeline_runs WHERE run_key <> $k AND json_extract_string(settings_json, '$.prefix') = $p",
    { k: runKey, p: prefix },
  );
  return Number(r.getRows()[0]?.[0] ?? 0) > 0;
}

/** Where a streaming run (live, paced file) carries on: the slot after its last committed batch, and the next batch number. */
export async function resumePoint(conn: DuckDBConnection, runKey: string): Promise<{ nextSlot: number; batchNo: number }> {
  const r = await conn.runAndReadAll(
    'SELECT coalesce(max(slot_hi), 0), coalesce(max(batch_no) + 1, 0) FROM pipeline_batches WHERE run_key = $k',
    { k: runKey },
  );
  const row = r.getRows()[0] ?? [0, 0];
  return { nextSlot: Number(row[0]), batchNo: Number(row[1]) };
}

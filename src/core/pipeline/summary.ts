import type { DuckDBConnection } from '@duckdb/node-api';
import summarySql from './batch/run_summary.sql?raw';

/** The JSON summary `medallion replay` prints at the end (SPEC §8). */
export interface ReplaySummary {
  runKey: string;
  events_generated: number;
  bronze: number;
  silver: number;
  quarantined: Record<string, number>;
  quarantined_total: number;
  warned: number;
  approval_rate_pct: number | null;
  batches: number;
  elapsed_seconds: number;
  events_per_second: number;
  peak_rss_mb: number;
}

/** Totals of one run, read back from what was committed (so a resumed run reports everything). */
export async function summariseRun(
  conn: DuckDBConnection,
  runKey: string,
  eventsGenerated: number,
  elapsedMs: number,
): Promise<ReplaySummary> {
  const row = (await conn.runAndReadAll(summarySql, { run_key: runKey })).getRowObjects()[0] ?? {};
  const num = (k: string) => Number(row[k] ?? 0);
  const reasons = await conn.runAndReadAll(
    `SELECT split_part(reason, ':', 1) AS r, count(*) FROM payments_quarantine WHERE _batch_id IN (SELECT batch_id FROM pipeline_batches WHERE run_key = $run_key) GROUP BY r ORDER BY r`,
    { run_key: runKey },
  );
  const quarantined: Record<string, number> = {};
  for (const [reason, count] of reasons.getRows()) quarantined[String(reason)] = Number(count);
  const seconds = elapsedMs / 1000;
  return {
    runKey,
    events_generated: eventsGenerated,
    bronze: num('bronze'),
    silver: num('silver'),
    quarantined,
    quarantined_total: num('quarantined'),
    warned: num('warned'),
    approval_rate_pct: row.approval_rate_pct === null || row.approval_rate_pct === undefined ? null : Number(row.approval_rate_pct),
    batches: num('batches'),
    elapsed_seconds: Math.round(seconds * 1000) / 1000,
    events_per_second: seconds > 0 ? Math.round(eventsGenerated / seconds) : 0,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

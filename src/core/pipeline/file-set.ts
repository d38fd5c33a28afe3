import { statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { REPLAYABLE_EXTENSIONS } from '../../shared/api/domains/replay-path';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { readWith } from './param-types';
import type { ReplaySummary } from './summary';

/** A replay's path names several files: a glob (`landing/*.parquet`) or a folder, as files land in a volume. */
export function isFileSet(arg: string): boolean {
  if (/[*?[]/u.test(arg)) return true;
  try {
    return statSync(arg).isDirectory();
  } catch {
    return false;
  }
}

/** The files of a set, in name order, and one line for each file that is not a recording. */
export async function expandFileSet(engine: Engine, arg: string): Promise<{ files: string[]; skipped: string[] }> {
  const full = resolve(arg);
  const pattern = /[*?[]/u.test(arg) ? full : join(full, '*');
  // DuckDB's own glob (the same one read_csv and read_parquet use); files only, sorted.
  const matched = await engine.withConnection('-- expand a file set', {}, (conn) =>
    readWith(conn, 'SELECT file FROM glob($p) ORDER BY file', { p: pattern }),
  );
  const files: string[] = [];
  const skipped: string[] = [];
  for (const file of matched.map((r) => String(r.file))) {
    if (statSync(file, { throwIfNoEntry: false })?.isFile() !== true) continue;
    if (REPLAYABLE_EXTENSIONS.includes(extname(file).toLowerCase())) files.push(file);
    else skipped.push(`${basename(file)}: not a .csv, .jsonl or .parquet recording; skipped.`);
  }
  if (files.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `${arg}: no .csv, .jsonl or .parquet file ${matched.length === 0 ? 'matches' : 'among the files it matches'}; nothing was imported.`,
    );
  }
  return { files, skipped };
}

/** One run per file: the set's totals are their sums (rates from the whole set's time). */
export function sumSummaries<T extends ReplaySummary>(parts: T[], elapsedMs: number): ReplaySummary {
  const quarantined: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.quarantined)) quarantined[k] = (quarantined[k] ?? 0) + v;
  const sum = (k: 'events_generated' | 'bronze' | 'silver' | 'quarantined_total' | 'warned' | 'batches') =>
    parts.reduce((s, p) => s + p[k], 0);
  const approved = parts.reduce((s, p) => s + ((p.approval_rate_pct ?? 0) / 100) * p.silver, 0);
  const silver = sum('silver');
  const seconds = elapsedMs / 1000;
  return {
    runKey: parts.map((p) => p.runKey).join(','),
    events_generated: sum('events_generated'),
    bronze: sum('bronze'),
    silver,
    quarantined,
    quarantined_total: sum('quarantined_total'),
    warned: sum('warned'),
    approval_rate_pct: silver > 0 ? Math.round((10_000 * approved) / silver) / 100 : null,
    batches: sum('batches'),
    elapsed_seconds: Math.round(seconds * 1000) / 1000,
    events_per_second: seconds > 0 ? Math.round(sum('events_generated') / seconds) : 0,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

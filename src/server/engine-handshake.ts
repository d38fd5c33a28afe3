import { rmSync } from 'node:fs';
import { z } from 'zod';
import { readJsonChecked, writeJsonAtomic } from '../core/store/json-store';
import { handshakePath } from './engine-handshake-path';

export { handshakePath };

/**
 * While `medallion serve` holds a database it writes `<database>.engine.json` next to it (0600:
 * it carries the access token) with its pid, port and token, so the CLI can talk to the running
 * engine instead of failing on DuckDB's file lock. Removed when the server stops.
 */
export const Handshake = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65_535),
  token: z.string().min(1),
  databasePath: z.string(),
  startedAt: z.string(),
});
export type Handshake = z.infer<typeof Handshake>;

export function writeHandshake(info: Handshake): void {
  writeJsonAtomic(handshakePath(info.databasePath), info, { secret: true });
}

/** Removes the file if it is still ours (a newer server may have replaced it). */
export function removeHandshake(databasePath: string, pid = process.pid): void {
  const file = handshakePath(databasePath);
  // Read through the JSON store like every other reader; an unreadable or damaged file is removed.
  const found = readJsonChecked(file, Handshake, { keepDamaged: true });
  if (found.state === 'ok' && found.value.pid !== pid) return;
  rmSync(file, { force: true });
}

/** The running engine for this database, if its handshake file is valid and its process is alive. */
export function readHandshake(databasePath: string): Handshake | undefined {
  const r = readJsonChecked(handshakePath(databasePath), Handshake, { keepDamaged: true });
  if (r.state !== 'ok' || r.value.databasePath !== databasePath || !processAlive(r.value.pid)) return undefined;
  return r.value;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { resolve } from 'node:path';
import { createCore, type Core } from '../core/core';

/** Opens core for a CLI command, on `--db PATH` or the app's own database. */
export async function openCore(db: string | undefined, mode: 'cli' | 'browser' = 'cli'): Promise<Core> {
  return createCore({ mode, databasePath: db ? resolve(db) : undefined });
}

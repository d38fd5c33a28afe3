import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/core/core';
import type { DialogPort } from '../../src/core/ports';

/** A real core on an in-memory (or temp-file) database with its own user-data folder. */
export async function createTestCore(
  options: { file?: boolean; dialogs?: DialogPort } = {},
): Promise<Core & { dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-test-'));
  const core = await createCore({
    mode: 'cli',
    userDataDir: dir,
    databasePath: options.file ? join(dir, 'test.duckdb') : ':memory:',
    threads: 2,
    dialogs: options.dialogs,
  });
  return Object.assign(core, {
    dir,
    async dispose() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

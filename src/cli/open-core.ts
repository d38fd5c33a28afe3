import { join, resolve } from 'node:path';
import type { Core, CoreOptions } from '../core/core';
import type { EngineHost } from '../core/host/engine-host';
import type { WarehouseCore } from '../core/warehouse-core';
import type { Engine } from '../core/engine/engine';
import { defaultUserDataDir } from '../core/paths';
import { reportError } from './errors';

/**
 * DuckDB's memory limit for a `replay --file` process: past it the file's temp table spills to
 * `<db>.tmp`, so the peak RSS stays under 2 GB whatever the file's size.
 */
export const FILE_REPLAY_MEMORY_LIMIT = '1200MB';

/** Opens core for a CLI command, on `--db PATH` or the app's own database; `extra`: this process's own settings (Ask's model, the save "dialog"). */
export async function openCore(
  db: string | undefined,
  mode: 'cli' | 'browser' = 'cli',
  memoryLimit?: string,
  extra: Pick<CoreOptions, 'askLlm' | 'dialogs'> = {},
): Promise<Core> {
  const { createCore } = await import('../core/core');
  return createCore({ mode, databasePath: db ? resolve(db) : undefined, memoryLimit, ...extra });
}

/**
 * Runs one command on what `open` opens: `work` gets it, a failure is printed the way every command does (one line,
 * exit code 1; `sql` points at its position) and what was opened is closed either way.
 */
export async function withOpenCore<C extends { close(): Promise<void> }>(
  open: () => Promise<C>,
  work: (core: C) => Promise<void>,
  sql?: string,
): Promise<void> {
  const core = await open().catch((e: unknown) => reportError(e));
  try {
    await work(core);
  } catch (error) {
    await core.close();
    reportError(error, sql);
  }
  await core.close();
}

/**
 * Opens only what a warehouse-only command needs (profiles, secrets, the warehouse service, the
 * dispatcher): no DuckDB, pipeline, models, Ask or agents.
 */
export async function openWarehouseCore(): Promise<WarehouseCore> {
  const { createWarehouseCore } = await import('../core/warehouse-core');
  return createWarehouseCore();
}

/**
 * Opens only the database, with core's hardening and default path, for commands that need
 * nothing else (`query`): no services, models, drivers or schemas load, so it answers at once.
 */
export async function openEngine(db: string | undefined): Promise<Engine> {
  const [{ Engine }, { HARDENED_CONFIG }] = await Promise.all([
    import('../core/engine/engine'),
    import('../core/security/hardened-config'),
  ]);
  return Engine.open({ path: db ? resolve(db) : join(defaultUserDataDir(), 'medallion.duckdb'), config: HARDENED_CONFIG });
}

/**
 * Starts core in a child process of its own (out/cli/engine-child.js) for a long-running command
 * (`serve`): a query that crashes or hangs it ends only that process, which the host restarts.
 * `MEDALLION_ENGINE_MEMORY_LIMIT` bounds DuckDB in it (e.g. 2GB), `MEDALLION_ENGINE_HEAP_MB` its V8 heap.
 */
export async function openEngineHost(db: string | undefined, mode: 'cli' | 'browser' = 'browser'): Promise<EngineHost> {
  const [{ EngineHost }, { forkLauncher }] = await Promise.all([import('../core/host/engine-host'), import('../core/host/fork-launcher')]);
  const heap = Number(process.env.MEDALLION_ENGINE_HEAP_MB);
  return EngineHost.start({
    launch: forkLauncher(engineChildEntry(), { maxOldSpaceMb: Number.isInteger(heap) && heap > 0 ? heap : undefined }),
    init: {
      mode,
      databasePath: db ? resolve(db) : join(defaultUserDataDir(), 'medallion.duckdb'),
      memoryLimit: process.env.MEDALLION_ENGINE_MEMORY_LIMIT || undefined,
    },
  });
}

/** The built engine child next to the built CLI (out/cli). */
export function engineChildEntry(): string {
  return process.env.MEDALLION_ENGINE_CHILD ?? join(__dirname, 'engine-child.js');
}

/**
 * The engine child for `bundle open`: an in-memory database and the viewer's private profile; each
 * child's temp folder (the bundle's unpacked data) lives under the profile and goes when the child exits.
 */
export async function openBundleHost(userDataDir: string): Promise<EngineHost> {
  const [{ EngineHost }, { forkLauncher }] = await Promise.all([import('../core/host/engine-host'), import('../core/host/fork-launcher')]);
  return EngineHost.start({
    launch: forkLauncher(engineChildEntry()),
    init: { mode: 'browser', databasePath: ':memory:', userDataDir },
    scratchDir: join(userDataDir, 'tmp'),
  });
}

import type { Engine } from '../engine/engine';
import { HARDENED_CONFIG } from './hardened-config';
import { quoteLiteral } from '../../shared/sql/quote';

export { HARDENED_CONFIG };

/** A sandbox instance on top of that: no spilling to a temp dir (it would be writable), bounded memory and threads. */
export const SANDBOX_CONFIG: Readonly<Record<string, string>> = {
  ...HARDENED_CONFIG,
  temp_directory: '',
  memory_limit: '1GB',
  threads: '2',
};

/**
 * Closes a sandbox instance's door, in the only order DuckDB accepts: the allow-list first
 * (it cannot change once external access is off), then external access off (one-way), then
 * the whole configuration frozen for every connection. After this, reading or writing any
 * file outside `allowedDirs`, ATTACH, INSTALL/LOAD, http(s) and SET/RESET of global
 * settings fail inside DuckDB, whatever SQL reaches it.
 */
export async function lockDown(engine: Engine, allowedDirs: readonly string[]): Promise<void> {
  await engine.run(`SET allowed_directories = [${allowedDirs.map(quoteLiteral).join(', ')}]`);
  await engine.run('SET enable_external_access = false');
  await engine.run('SET lock_configuration = true');
}

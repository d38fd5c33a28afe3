import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlLiteral } from '../../shared/dashboards/filters';
import { Engine } from '../engine/engine';
import { quoteIdent } from '../engine/quote-ident';
import type { DecodedBundle } from './format';

/** DuckDB settings of a bundle's own instance: no extensions, no secrets, no spilling, bounded memory. */
export const SANDBOX_CONFIG: Record<string, string> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  allow_unsigned_extensions: 'false',
  allow_persistent_secrets: 'false',
  temp_directory: '',
  memory_limit: '1GB',
  threads: '2',
};

/**
 * Loads a verified bundle into a fresh in-memory DuckDB instance, then locks it down in the
 * order the security notes prescribe: allowed_directories (empty: the Parquet was copied into
 * memory and its temporary folder removed), enable_external_access = false, lock_configuration = true.
 */
export async function openSandbox(bundle: DecodedBundle): Promise<Engine> {
  const engine = await Engine.open({ path: ':memory:', config: SANDBOX_CONFIG });
  const dir = mkdtempSync(join(tmpdir(), 'medallion-bundle-'));
  try {
    for (const [i, t] of bundle.manifest.tables.entries()) {
      const file = join(dir, `t${i}.parquet`);
      writeFileSync(file, bundle.payload.subarray(t.offset, t.offset + t.length), { mode: 0o600 });
      await engine.run(`CREATE TABLE ${quoteIdent(t.name)} AS SELECT * FROM read_parquet(${sqlLiteral(file)})`);
    }
  } catch (error) {
    engine.close();
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await engine.run('SET allowed_directories = []');
  await engine.run('SET enable_external_access = false');
  await engine.run('SET lock_configuration = true');
  return engine;
}

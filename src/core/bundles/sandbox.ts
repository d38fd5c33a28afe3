import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlLiteral } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
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

const SIMPLE_TYPE =
  /^(VARCHAR|BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DATE|TIME|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_NS|TIMESTAMP_MS|TIMESTAMP_S|INTERVAL|UUID|BLOB|DECIMAL\(\d{1,2},\s?\d{1,2}\))$/;
const ENUM_TYPE = /^ENUM\('(?:[^']|'')*'(?:, '(?:[^']|'')*')*\)$/;

/** A column type from the (untrusted) manifest, accepted only if it is a plain type or an ENUM of quoted labels. */
function checkedType(type: string, table: string): string {
  if (SIMPLE_TYPE.test(type) || ENUM_TYPE.test(type)) return type;
  throw new AppError(
    'INVALID_FILE',
    `This bundle was refused: table ${table} declares a column type this app does not load (${type.slice(0, 60)}).`,
  );
}

/** An opened bundle's database and how to discard it. */
export interface Sandbox {
  engine: Engine;
  dispose(): void;
}

/**
 * Loads a verified bundle into a DuckDB instance of its own, backed by a private temporary
 * file (so a large snapshot is paged, not held in memory), then locks it down in the order the
 * security notes prescribe, reopened read-only: allowed_directories (empty: the Parquet copies are already deleted),
 * enable_external_access = false, lock_configuration = true.
 */
export async function openSandbox(bundle: DecodedBundle): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-bundle-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  let engine: Engine | undefined;
  try {
    engine = await Engine.open({ path: join(dir, 'bundle.duckdb'), config: SANDBOX_CONFIG });
    for (const [i, t] of bundle.manifest.tables.entries()) {
      const file = join(dir, `t${i}.parquet`);
      writeFileSync(file, bundle.payload.subarray(t.offset, t.offset + t.length), { mode: 0o600 });
      const columns = t.columns.map((c) => `${quoteIdent(c.name)} ${checkedType(c.type, t.name)}`);
      await engine.run(`CREATE TABLE ${quoteIdent(t.name)} (${columns.join(', ')})`);
      await engine.run(`INSERT INTO ${quoteIdent(t.name)} SELECT * FROM read_parquet(${sqlLiteral(file)})`);
      rmSync(file);
    }
    await engine.run('CHECKPOINT');
    // Reopen read-only: from here on nothing can change the snapshot.
    engine.close();
    engine = undefined;
    engine = await Engine.open({ path: join(dir, 'bundle.duckdb'), readOnly: true, config: SANDBOX_CONFIG });
    await engine.run('SET allowed_directories = []');
    await engine.run('SET enable_external_access = false');
    await engine.run('SET lock_configuration = true');
  } catch (error) {
    engine?.close();
    dispose();
    throw error;
  }
  const opened = engine;
  return {
    engine: opened,
    dispose() {
      opened.close();
      dispose();
    },
  };
}

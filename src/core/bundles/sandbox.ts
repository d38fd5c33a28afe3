import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { Engine } from '../engine/engine';
import { quoteIdent, quoteLiteral } from '../../shared/sql/quote';
import { lockDown, SANDBOX_CONFIG } from '../security/sandbox-engine';
import type { DecodedBundle } from './format';

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
 * Opens a verified bundle in a DuckDB instance of its own: each table's Parquet is written
 * read-only into a fresh private folder and exposed as a view with the source's column types,
 * in a small database file there that is then reopened read-only and locked down in the order
 * the security notes prescribe (lockDown: that folder only). Opening costs a file write, not a load, however big the snapshot.
 */
export async function openSandbox(bundle: DecodedBundle): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-bundle-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const path = join(dir, 'bundle.duckdb');
  let engine: Engine | undefined;
  try {
    engine = await Engine.open({ path, config: SANDBOX_CONFIG });
    for (const [i, t] of bundle.manifest.tables.entries()) {
      const file = join(dir, `t${i}.parquet`);
      writeFileSync(file, bundle.payload.subarray(t.offset, t.offset + t.length), { mode: 0o400 });
      const columns = t.columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${checkedType(c.type, t.name)}) AS ${quoteIdent(c.name)}`);
      try {
        await engine.run(`CREATE VIEW ${quoteIdent(t.name)} AS SELECT ${columns.join(', ')} FROM read_parquet(${quoteLiteral(file)})`);
      } catch (error) {
        // Its checksum matched, so the file was made (or re-signed) damaged: say which table, not DuckDB's internals.
        const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        throw new AppError('INVALID_FILE', `This bundle was refused: the data of table ${t.name} is not readable Parquet (${why}).`);
      }
    }
    await engine.run('CHECKPOINT');
    // Reopen read-only: from here on nothing can change the snapshot.
    engine.close();
    engine = undefined;
    engine = await Engine.open({ path, readOnly: true, config: SANDBOX_CONFIG });
    await lockDown(engine, [dir]);
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

import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { ModelRegistry } from '../../../../src/core/models/registry';
import { FileSecretStore } from '../../../../src/core/security/file-secret-store';

// DuckDB 1.5 cannot replay an ADD COLUMN on a table with a DEFAULT current_timestamp column
// from the WAL: a crash before the next checkpoint left a database that did not open.
describe('model registry upgrade', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-registry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds profile_id to a first-release endpoints table and leaves nothing of it in the WAL', async () => {
    const path = join(dir, 'old.duckdb');
    const old = await Engine.open({ path });
    await old.run(`CREATE TABLE model_remote_endpoints (name VARCHAR PRIMARY KEY, url VARCHAR NOT NULL, schema_of VARCHAR NOT NULL,
      format VARCHAR NOT NULL, timeout_ms INTEGER NOT NULL, has_token BOOLEAN NOT NULL, features VARCHAR NOT NULL,
      created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
    old.close();

    const engine = await Engine.open({ path });
    try {
      await new ModelRegistry(engine, new FileSecretStore(join(dir, 'secrets.json'))).list();
      const columns = await engine.query("SELECT column_name FROM duckdb_columns() WHERE table_name = 'model_remote_endpoints'");
      expect(columns.rows.map((r) => r[0])).toContain('profile_id');
      const wal = `${path}.wal`;
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    } finally {
      engine.close();
    }
  });
});

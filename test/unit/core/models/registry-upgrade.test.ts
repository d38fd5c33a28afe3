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
  it('adds settings to a registry from before versions recorded them: old versions list with no settings, new ones with theirs', async () => {
    const path = join(dir, 'old-registry.duckdb');
    const old = await Engine.open({ path });
    await old.run(`CREATE TABLE model_registry (name VARCHAR NOT NULL, version INTEGER NOT NULL, algorithm VARCHAR NOT NULL,
      label VARCHAR NOT NULL, classes VARCHAR NOT NULL, positive_class VARCHAR, features VARCHAR NOT NULL,
      training_window VARCHAR NOT NULL, metrics VARCHAR NOT NULL, reference_accuracy DOUBLE NOT NULL, training_seconds DOUBLE NOT NULL,
      artefact VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT current_timestamp, PRIMARY KEY (name, version))`);
    await old.run(`INSERT INTO model_registry (name, version, algorithm, label, classes, positive_class, features, training_window,
      metrics, reference_accuracy, training_seconds, artefact)
      VALUES ('risk_scoring', 1, 'gbdt', 'risk_tier', '["LOW","MEDIUM","HIGH"]', 'HIGH', '[]', 'null', 'null', 88, 1, '{}')`);
    old.close();

    const engine = await Engine.open({ path });
    try {
      const registry = new ModelRegistry(engine, new FileSecretStore(join(dir, 'secrets2.json')));
      expect((await registry.list()).find((m) => m.id === 'risk_scoring@v1')?.settings).toBeNull();
      const wal = `${path}.wal`;
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
      const settings = { rounds: 12, maxDepth: 3, learningRate: 0.1, features: ['amount'], leftOut: ['channel'] };
      const saved = await registry.save({
        name: 'risk_scoring',
        schemaOf: 'risk_scoring',
        algorithm: 'gbdt',
        classes: ['LOW', 'MEDIUM', 'HIGH'],
        positiveClass: 'HIGH',
        features: [],
        label: 'risk_tier',
        trainingWindow: null,
        metrics: null,
        referenceAccuracy: 88,
        trainingSeconds: 1,
        settings,
        artefact: {} as never,
      });
      expect(saved.id).toBe('risk_scoring@v2');
      expect((await registry.list()).find((m) => m.id === 'risk_scoring@v2')?.settings).toEqual(settings);
    } finally {
      engine.close();
    }
  });
});

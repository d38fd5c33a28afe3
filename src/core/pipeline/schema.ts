import type { Engine } from '../engine/engine';
import { enumTypeStatements } from '../simulator/catalog';
import { foldPendingGold } from './batch-commit';

const tables = import.meta.glob<string>('./schema/*.sql', { query: '?raw', import: 'default', eager: true });
const views = import.meta.glob<string>('./views/*.sql', { query: '?raw', import: 'default', eager: true });

/** The 19 gold views of SPEC §2, by name. */
export const GOLD_VIEWS = Object.keys(views)
  .map((path) => path.replace(/^.*\/(v_[a-z0-9_]+)\.sql$/u, '$1'))
  .sort();

/** Tables the pipeline owns, in the order they are created. */
export const PIPELINE_TABLES = Object.keys(tables).map((path) => path.replace(/^.*\/([a-z_]+)\.sql$/u, '$1'));

/** Every statement that creates the medallion schema: category enums, tables, then the gold views. */
export function schemaStatements(): string[] {
  return [...enumTypeStatements(), ...Object.values(tables), ...Object.values(views)];
}

const ensured = new WeakMap<Engine, Promise<void>>();

/**
 * Creates the medallion schema if it is missing (idempotent: tables IF NOT EXISTS, views
 * CREATE OR REPLACE), once per open database: later calls reuse the first one, so frequent
 * callers never rewrite the catalog while a batch is committing.
 */
export function ensurePipelineSchema(engine: Engine): Promise<void> {
  let done = ensured.get(engine);
  if (!done) {
    done = engine.withConnection('-- pipeline schema', {}, async (conn) => {
      for (const statement of schemaStatements()) await conn.run(statement);
      // A database filled before the gold aggregates existed (or by an interrupted live stream
      // that never folded its last micro-batches) catches up here, once.
      await foldPendingGold(conn);
    });
    done.catch(() => ensured.delete(engine));
    ensured.set(engine, done);
  }
  return done;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLD_VIEWS, ensurePipelineSchema } from '../../../../src/core/pipeline/schema';
import { DUCKDB_ONLY, GOLD_SOURCES, databricksGoldViews, goldViewsDdl } from '../../../../src/core/warehouse/gold-ddl';
import { LOCAL_DIALECT } from '../../../../src/core/engine/sql-target';
import { WAREHOUSE_DIALECT } from '../../../../src/core/warehouse/warehouse-dialect';
import { createTestCore } from '../../../support/test-core';

let core: Awaited<ReturnType<typeof createTestCore>>;
beforeAll(async () => {
  core = await createTestCore();
  await ensurePipelineSchema(core.engine);
});
afterAll(async () => core?.dispose());

describe('Databricks SQL DDL of the gold views', () => {
  it('covers every gold view, qualified by USE CATALOG / USE SCHEMA', () => {
    const ddl = goldViewsDdl({ catalog: 'main', schema: 'payments' });
    expect(ddl.views).toEqual(GOLD_VIEWS);
    expect(ddl.views).toHaveLength(19);
    expect(ddl.sql).toMatch(/^USE CATALOG `main`;$/m);
    expect(ddl.sql).toMatch(/^USE SCHEMA `payments`;$/m);
    for (const v of GOLD_VIEWS) expect(ddl.sql).toContain(`CREATE OR REPLACE VIEW ${v} AS`);
  });

  it("finds a view's second text through the target dialect: a twin over silver on a warehouse, none locally", () => {
    for (const name of GOLD_VIEWS.filter((v) => v !== 'v_agent_recommendations')) {
      expect(WAREHOUSE_DIALECT.twin({ goldView: name }), name).toMatch(/\bFROM\s+payments_enriched_silver\b/);
      expect(LOCAL_DIALECT.twin({ goldView: name }), name).toBeUndefined();
    }
    // One text on both sides (it reads agent_recommendations, which a warehouse schema holds too): translated, not twinned.
    expect(WAREHOUSE_DIALECT.twin({ goldView: 'v_agent_recommendations' })).toBeUndefined();
    expect(WAREHOUSE_DIALECT.twin({ goldView: 'v_not_a_view' })).toBeUndefined();
  });

  it('uses no DuckDB-only construct: views that need one have a twin', () => {
    for (const view of databricksGoldViews()) {
      for (const pattern of DUCKDB_ONLY) expect(`${view.name}: ${pattern.test(view.sql)}`).toBe(`${view.name}: false`);
      expect(view.sql).not.toMatch(/::VARCHAR\b/);
    }
    expect(
      databricksGoldViews()
        .filter((v) => v.origin === 'twin')
        .map((v) => v.name),
    ).toEqual(GOLD_VIEWS.filter((v) => v !== 'v_agent_recommendations'));
  });

  it('reads no local-only relation or type: no gold_partials, no DuckDB ENUM casts', () => {
    for (const view of databricksGoldViews()) {
      expect(view.sql, view.name).not.toMatch(/gold_partials/);
      expect(view.sql, view.name).not.toMatch(/::\w+_t\b|\bAS\s+\w+_t\s*\)/i);
      const reads = [...view.sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!.toLowerCase());
      const ctes = new Set([...view.sql.matchAll(/(?:WITH|,)\s*([a-z_][a-z0-9_]*)\s+AS\s*\(/gi)].map((m) => m[1]!.toLowerCase()));
      expect(
        reads.filter((r) => !ctes.has(r) && !(GOLD_SOURCES as readonly string[]).includes(r)),
        view.name,
      ).toEqual([]);
    }
  });

  it('gives every twin the columns of its DuckDB view', async () => {
    await ensurePipelineSchema(core.engine);
    for (const view of databricksGoldViews().filter((v) => v.origin === 'twin')) {
      const cols = await core.engine.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = '${view.name}' ORDER BY ordinal_position`,
      );
      expect(cols.rows.length).toBeGreaterThan(3);
      for (const [name] of cols.rows) expect(view.sql).toMatch(new RegExp(`\\b${String(name)}\\b`));
    }
  });
});

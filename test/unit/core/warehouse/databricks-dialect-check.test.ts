import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { semanticLayer } from '../../../../src/core/ask/semantic-layer';
import { BUILTIN_DASHBOARDS } from '../../../../src/core/dashboards/builtin';
import { Engine } from '../../../../src/core/engine/engine';
import { goldViewsDdl } from '../../../../src/core/warehouse/gold-ddl';
import { defaultFilters } from '../../../../src/shared/dashboards/filters';
import { ASK_PLAN_SHAPES } from '../../../support/ask-plan-shapes';
import { DATABRICKS_BUILTINS } from '../../../support/databricks-dialect';
import { requirePython } from '../../../support/python-env';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { ddlStatements } from '../../../support/spark-warehouse';
import { createTestCore } from '../../../support/test-core';
import { startWarehouseEmulator, type WarehouseEmulator } from '../../../support/warehouse-emulator';

interface Verdict {
  label: string;
  ok: boolean;
  error: string | null;
  unknownFunctions?: string[];
}

/** Parses every statement with sqlglot `read='databricks'` in ONE Python process. */
function parseAsDatabricks(statements: { label: string; sql: string }[]): Verdict[] {
  const script = join(import.meta.dirname, '..', '..', '..', 'support', 'sqlglot-check.py');
  return JSON.parse(
    execFileSync(requirePython(), [script], { input: JSON.stringify(statements), encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as Verdict[];
}

describe('static dialect check: every statement the app sends to Databricks parses as Databricks SQL (sqlglot)', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let emulator: WarehouseEmulator;
  let profileId: string;

  beforeAll(async () => {
    core = await createTestCore();
    await fillWithReplayFixture(core.engine, { events: 2_000, days: 10, incidents: true });
    const remotePath = join(core.dir, 'warehouse.duckdb');
    const remote = await Engine.open({ path: remotePath, threads: 2 });
    await fillWithReplayFixture(remote, { events: 2_000, days: 10, incidents: true });
    remote.close();
    emulator = await startWarehouseEmulator({ databasePath: remotePath });
    writeFileSync(join(core.dir, 'ca.pem'), emulator.caCert);
    const profile = await core.warehouse.saveProfile({
      name: 'Emulator',
      host: `${emulator.host}:${emulator.port}`,
      httpPath: emulator.path,
      authType: 'pat',
      secret: emulator.token,
      caCertPath: join(core.dir, 'ca.pem'),
    } as never);
    profileId = profile.id;
  }, 120_000);
  afterAll(async () => {
    await core?.dispose();
    await emulator?.close();
  });

  it('DDL, dataset twins, filter choices, drill, Ask, the SQL page and pull: captured on the wire, parsed in one batch', async () => {
    const filters = defaultFilters('last_7_days', await core.dashboards.filterOptions('executive-overview', profileId));
    for (const d of BUILTIN_DASHBOARDS) {
      for (const ds of d.datasets) await core.dashboards.runDataset(d.id, ds.name, filters, undefined, profileId);
      for (const w of d.widgets.slice(0, 3)) {
        await core.dashboards.drill({ id: d.id, widgetId: w.id, filters, offset: 0, limit: 5, profileId }).catch(() => undefined);
      }
    }
    for (const question of [...semanticLayer.samples, ...Object.values(ASK_PLAN_SHAPES)])
      await core.ask.ask({ question, profileId }).catch(() => undefined);
    await core.warehouse.query({
      profileId,
      sql: 'SELECT card_network, count(*) AS n FROM payments_enriched_silver WHERE amount > :min GROUP BY 1',
      params: { min: 5 },
    } as never);
    await core.dispatcher.dispatch('warehouse.pull', {
      profileId,
      source: { kind: 'table', catalog: 'warehouse', schema: 'main', table: 'v_daily_trends' },
      target: 'pulled',
    });
    await core.dispatcher.dispatch('warehouse.pull', {
      profileId,
      source: { kind: 'query', sql: 'SELECT * FROM v_risk_distribution' },
      target: 'pulled_q',
    });

    const sent = [...new Set(emulator.statements)].map((sql, i) => ({ label: `sent #${i}`, sql }));
    const ddl = ddlStatements(goldViewsDdl({ catalog: 'main', schema: 'payments' }).sql).map((sql) => ({
      label: `ddl ${/VIEW\s+(\w+)/i.exec(sql)?.[1] ?? sql.slice(0, 30)}`,
      sql,
    }));
    expect(sent.length).toBeGreaterThan(80);
    expect(sent.some((s) => /percentile_cont\(0\.95\) WITHIN GROUP/.test(s.sql))).toBe(true);
    expect(sent.some((s) => /LIMIT 5 OFFSET 0/.test(s.sql))).toBe(true);

    const verdicts = parseAsDatabricks([...sent, ...ddl]);
    const bySql = new Map([...sent, ...ddl].map((s) => [s.label, s.sql]));
    const failed = verdicts.filter((v) => !v.ok);
    expect(failed.map((v) => `${v.label}: ${v.error}\n${bySql.get(v.label)?.slice(0, 300)}`)).toEqual([]);
    const foreign = verdicts.flatMap((v) =>
      (v.unknownFunctions ?? []).filter((f) => !DATABRICKS_BUILTINS.has(f)).map((f) => `${v.label}: ${f}`),
    );
    expect(foreign).toEqual([]);
  }, 300_000);

  it('the checker refuses what Databricks would not parse (so the check above can fail)', () => {
    const verdicts = parseAsDatabricks([
      { label: 'enum cast', sql: 'SELECT risk_tier::risk_tier_t FROM t' },
      { label: 'typo', sql: 'SELEC 1' },
      { label: 'ok', sql: 'SELECT max_by(processor, rate), :p FROM t ORDER BY `weird name` LIMIT 1 OFFSET 2' },
    ]);
    expect(verdicts.map((v) => [v.label, v.ok])).toEqual([
      ['enum cast', false],
      ['typo', false],
      ['ok', true],
    ]);
  });
});

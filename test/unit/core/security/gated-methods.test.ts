import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Engine } from '../../../../src/core/engine/engine';
import { sqlCohortFrame } from '../../../../src/core/models/cohort';
import { methods } from '../../../../src/shared/api';
import { FakeOpenAiServer, sqlReply } from '../../../support/fake-openai-server';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';

/*
 * Every API method is called with untrusted SQL in every string of its input (and, for the paths
 * that run stored SQL, with an imported dashboard and a model reply carrying it), while the
 * engine's run entry points are instrumented. The probe calls a function the gate refuses, so if
 * it ever reaches execution, that method runs untrusted SQL without the gate. A method added to the
 * contract is called too, and must be classified below, so a new ungated path fails this test.
 */
const PROBE = 'gate_probe_5e2a';
// getvariable() is harmless, and it was not on the old deny list: only an allowlist refuses it.
const PROBE_SQL = `SELECT getvariable('${PROBE}') AS ${PROBE}`;

/** Methods whose SQL is the local user's own, typed in their SQL editor: it runs as written, by design. */
const USER_OWN_SQL: Record<string, string> = {
  'engine.query': 'the SQL editor of the local user',
  'engine.page': 'the SQL editor of the local user',
  'sqlwb.execute': 'the SQL editor of the local user',
  'sqlwb.count': 'the SQL editor of the local user',
  'sqlwb.page': 'the SQL editor of the local user',
  'sqlwb.summary': 'the SQL editor of the local user',
  'sqlwb.explain': 'the SQL editor of the local user',
  'sqlwb.export': 'the SQL editor of the local user (writes the file they chose)',
  'warehouse.query': "the SQL editor, on the user's own warehouse profile",
};

/** Methods not called here: they start long jobs or write files at paths from the input; none takes SQL. */
const NOT_CALLED: Record<string, string> = {
  'pipeline.startBackfill': 'starts a job; takes event counts and dates only',
  'pipeline.startLive': 'starts a job; takes a rate only',
  'models.train': 'trains for seconds; takes model names only',
  'bundles.create': 'writes a bundle at a path from the input; takes a dashboard id and filters',
  'warehouse.pull': 'copies a remote table; takes names that are quoted as identifiers',
  'sqlwb.importLoad': 'loads a staged upload into a table; takes a table name quoted as an identifier',
  'app.cancel': 'cancels calls in flight',
};

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A value the schema accepts where it can: every string is the probe SQL. */
function sample(schema: unknown, depth = 0): unknown {
  const def = defOf(schema);
  if (depth > 6) return undefined;
  switch (def.type) {
    case 'string':
      return PROBE_SQL;
    case 'number':
    case 'int':
      return 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return sample(def.innerType, depth + 1);
    case 'pipe':
      return sample(def.in, depth + 1);
    case 'lazy':
      return sample((def.getter as () => unknown)(), depth + 1);
    case 'array':
      return [sample(def.element, depth + 1)];
    case 'tuple':
      return (def.items as unknown[]).map((i) => sample(i, depth + 1));
    case 'union':
      return sample((def.options as unknown[])[0], depth + 1);
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, sample(v, depth + 1)]));
    case 'record':
      return {};
    default:
      return PROBE_SQL;
  }
}

describe('every API method that can run SQL goes through the gate', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let fake: FakeOpenAiServer;
  const executed: { method: string; sql: string }[] = [];
  let current = '';
  const originals = {
    query: Engine.prototype.query,
    run: Engine.prototype.run,
    page: Engine.prototype.page,
    withConnection: Engine.prototype.withConnection,
  };

  beforeAll(async () => {
    core = await createTestCore({ file: true });
    await createMiniSilver(core.engine, 300);
    fake = await FakeOpenAiServer.start();
    fake.reply(sqlReply(PROBE_SQL));
    const record = (sql: unknown) => {
      if (String(sql).includes(PROBE)) executed.push({ method: current, sql: String(sql) });
    };
    Engine.prototype.query = function (sql, options) {
      record(sql);
      return originals.query.call(this, sql, options);
    };
    Engine.prototype.run = function (sql, options) {
      record(sql);
      return originals.run.call(this, sql, options);
    };
    Engine.prototype.page = function (sql, page, options) {
      record(sql);
      return originals.page.call(this, sql, page, options);
    };
    Engine.prototype.withConnection = function (sql, options, work) {
      record(sql);
      return originals.withConnection.call(this, sql, options, work) as never;
    };
  });
  afterAll(async () => {
    Object.assign(Engine.prototype, originals);
    await fake?.close();
    await core?.dispose();
  });

  it('classifies every method of the contract: a new one is called below like the others', () => {
    for (const name of [...Object.keys(USER_OWN_SQL), ...Object.keys(NOT_CALLED)]) expect(Object.keys(methods), name).toContain(name);
  });

  it('no method runs untrusted SQL that the gate has not passed', async () => {
    const names = Object.keys(methods).filter((n) => !(n in NOT_CALLED));
    const reached: string[] = [];
    const call = async (method: string, input: unknown) => {
      current = method;
      const r = await core.dispatcher.dispatch(method, input);
      if (r.ok || r.error.code !== 'INVALID_INPUT') reached.push(method);
      return r;
    };
    for (const name of names) {
      const input = sample((methods as Record<string, { input: z.ZodType }>)[name]!.input);
      await call(name, input);
    }
    // Stored SQL someone else wrote: an imported Lakeview dashboard whose dataset and drill carry the probe.
    const note = { widget: { name: 'note', textbox_spec: 'x' }, position: { x: 0, y: 0, width: 2, height: 2 } };
    const bar = {
      widget: {
        name: 'w',
        queries: [{ name: 'main_query', query: { datasetName: 'd', fields: [{ name: 'a', expression: '`a`' }], disaggregated: true } }],
        spec: {
          version: 3,
          widgetType: 'bar',
          encodings: { x: { fieldName: 'a', scale: { type: 'categorical' } }, y: { fieldName: 'a', scale: { type: 'quantitative' } } },
        },
        medallion: { drill: { where: `card_network = (${PROBE_SQL})` } },
      },
      position: { x: 0, y: 2, width: 2, height: 2 },
    };
    const doc = { datasets: [{ name: 'd', queryLines: [PROBE_SQL] }], pages: [{ name: 'p', layout: [note, bar] }] };
    const imported = await call('dashboards.importLakeview', { fileName: 'probe.lvdash.json', content: JSON.stringify(doc) });
    expect(imported.ok).toBe(true);
    const id = (imported as { data: { id: string } }).data.id;
    const filters = { dateFrom: '2026-01-01', dateTo: '2026-03-31', cardNetwork: null, merchantSegment: null, country: null };
    expect(await call('dashboards.run', { id, dataset: 'd', filters })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('dashboards.drill', { id, widgetId: 'w', filters, offset: 0, limit: 5 })).toMatchObject({ ok: false });
    // A model (LLM mode) answering with the probe, the SQL edited in the Ask pane, a widget saved from SQL, cohorts and policies.
    const settings = await core.dispatcher.dispatch('ask.saveSettings', {
      enabled: true,
      baseUrl: fake.baseUrl,
      model: 'probe',
      timeoutMs: 5_000,
    });
    expect(settings.ok).toBe(true);
    expect(await call('ask.question', { question: 'anything', mode: 'llm' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('ask.run', { sql: PROBE_SQL })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const cohort = { kind: 'sql', where: `card_network = (${PROBE_SQL})`, limit: 10 };
    expect(await call('models.scoreBatch', { model: 'approval_propensity', cohort })).toMatchObject({ ok: false });
    expect(await call('models.policy', { where: `card_network = (${PROBE_SQL})`, limit: 10 })).toMatchObject({ ok: false });

    // The cohort reader itself (models.scoreBatch and compare reach it once a model is trained).
    current = 'models cohort';
    await expect(sqlCohortFrame(core.targets.local, 'approval_propensity', `card_network = (${PROBE_SQL})`, 10)).rejects.toThrow(
      /not allowed/,
    );

    const ungated = executed.filter((e) => !(e.method in USER_OWN_SQL));
    expect(ungated, JSON.stringify(ungated.slice(0, 3))).toEqual([]);
    // The generic inputs reached real handlers, not only the input check.
    expect(reached.length).toBeGreaterThan(40);
  }, 120_000);
});

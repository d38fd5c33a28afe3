import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../../../src/server/http-server';
import { FakeOpenAiServer, sqlReply } from '../../../support/fake-openai-server';
import { runCli } from '../../../support/cli';
import { httpCaller } from '../../../support/http-caller';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';
import { startSeededWarehouse, type WarehouseTestContext } from '../../../support/warehouse-fixture';

/*
 * The secrets sweep: a Databricks token, a second (wrong) token and an LLM API key go in through
 * the HTTP transport, every flow that touches them runs (connect, browse, query, pull, bad host,
 * 401, Ask with the model, the model refusing the key, exports, bundles), and then every place
 * a secret could end up is searched byte by byte. The only place allowed to hold them is the
 * owner-only (0600) secrets file.
 */

const TOKEN = 'dapi-SWEEP-7c1e0b5f9a2d4e6b8c3f1a0d9e8b7c6a';
const WRONG_TOKEN = 'dapi-SWEEP-WRONG-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const LLM_KEY = 'sk-SWEEP-LLM-4b9d2c7e1f8a3b6d5c0e9f2a7b4c1d8e';
const SECRETS = [TOKEN, WRONG_TOKEN, LLM_KEY];

/** Every way a secret could appear in bytes: as typed, base64 (a header dump), URL-encoded. */
const needles = SECRETS.flatMap((s) =>
  [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)].map((n) => ({ secret: s, needle: Buffer.from(n) })),
);

function leaks(where: string, bytes: Buffer): string[] {
  return [...new Set(needles.filter((n) => bytes.includes(n.needle)).map((n) => `${where} holds ${n.secret.slice(0, 14)}…`))];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('secrets sweep: the test tokens are found nowhere but the owner-only secrets file', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let wh: WarehouseTestContext;
  let fake: FakeOpenAiServer;
  let server: RunningServer;
  let call: ReturnType<typeof httpCaller>;
  const responses: string[] = [];
  const events: string[] = [];
  const logs: string[] = [];
  const restore: (() => void)[] = [];
  let ws: WebSocket;

  async function api<T = Record<string, unknown>>(
    method: string,
    input: unknown,
  ): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
    const r = await call(method, input);
    responses.push(JSON.stringify(r));
    return r as never;
  }

  beforeAll(async () => {
    // Capture everything the process prints while the flows run (the CLI and `serve` log there).
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return original(chunk as never, ...(rest as []));
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
    core = await createTestCore({ file: true });
    await createMiniSilver(core.engine, 300, 40);
    wh = await startSeededWarehouse(core.dir, { token: TOKEN, rows: 200 });
    fake = await FakeOpenAiServer.start();
    server = await startServer({ core, token: 'sweep-session-token' });
    call = httpCaller(`http://127.0.0.1:${server.port}`, server.token);
    ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`);
    ws.on('message', (d) => events.push(String(d)));
    await new Promise((r) => ws.on('open', r));
  });
  afterAll(async () => {
    ws?.close();
    await server?.close();
    await fake?.close();
    await wh?.emulator.close();
    await core?.dispose();
    for (const r of restore) r();
  });

  it('runs every flow that touches a secret, each ending the way a user expects', async () => {
    const host = `${wh.emulator.host}:${wh.emulator.port}`;
    const profile = {
      name: 'Emulator',
      host,
      httpPath: wh.emulator.path,
      catalog: 'memory',
      schema: 'main',
      authType: 'pat',
      caCertPath: wh.caFile,
    };
    const saved = await api<{ profile: { id: string } }>('warehouse.saveProfile', { ...profile, secret: TOKEN });
    expect(saved.ok).toBe(true);
    const id = saved.data!.profile.id;
    expect((await api('warehouse.listProfiles', {})).ok).toBe(true);
    expect((await api<{ ok: boolean }>('warehouse.testConnection', { profileId: id })).data).toMatchObject({ ok: true });
    expect((await api('warehouse.browse', { profileId: id })).ok).toBe(true);
    expect((await api('warehouse.catalog', { profileId: id })).ok).toBe(true);
    expect((await api('warehouse.query', { profileId: id, sql: 'SELECT card_network, count(*) FROM events GROUP BY 1' })).ok).toBe(true);
    const pulled = await api('warehouse.pull', {
      profileId: id,
      source: { kind: 'table', catalog: 'memory', schema: 'main', table: 'events' },
      target: 'pulled_events',
    });
    expect(pulled.ok, JSON.stringify(pulled.error)).toBe(true);
    expect((await api('warehouse.pulls', {})).ok).toBe(true);

    // Failure paths: a host nobody listens on, and a token the warehouse rejects (401).
    const badHost = await api<{ profile: { id: string } }>('warehouse.saveProfile', {
      ...profile,
      name: 'Nowhere',
      host: '127.0.0.1:9',
      secret: TOKEN,
    });
    const nowhere = await api<{ ok: boolean }>('warehouse.testConnection', { profileId: badHost.data!.profile.id });
    expect(nowhere.ok && nowhere.data?.ok).toBe(false);
    const wrong = await api<{ profile: { id: string } }>('warehouse.saveProfile', { ...profile, name: 'Wrong token', secret: WRONG_TOKEN });
    const refused = await api<{ ok: boolean }>('warehouse.testConnection', { profileId: wrong.data!.profile.id });
    expect(refused.ok && refused.data?.ok).toBe(false);
    expect((await api('warehouse.query', { profileId: wrong.data!.profile.id, sql: 'SELECT 1' })).ok).toBe(false);

    // The SQL page on the warehouse target, and exports of a result to CSV and JSON.
    const remote = await api<{ resultId: string }>('sqlwb.execute', { target: `warehouse:${id}`, sql: 'SELECT * FROM events LIMIT 5' });
    expect(remote.ok, JSON.stringify(remote.error)).toBe(true);
    const local = await api<{ resultId: string }>('sqlwb.execute', { target: 'local', sql: 'SELECT * FROM pulled_events LIMIT 50' });
    for (const format of ['csv', 'json'] as const) {
      const exported = await api('sqlwb.export', {
        resultId: local.data!.resultId,
        format,
        exportId: `sweep-${format}`,
        path: join(core.dir, `export.${format}`),
      });
      expect(exported.ok, JSON.stringify(exported.error)).toBe(true);
    }

    // Ask with a language model: its key is saved, used, and then rejected by the provider.
    expect((await api('ask.saveSettings', { enabled: true, baseUrl: fake.baseUrl, model: 'sweep-model', apiKey: LLM_KEY })).ok).toBe(true);
    expect((await api('ask.settings', {})).ok).toBe(true);
    fake.reply(sqlReply('SELECT card_network, count(*) AS n FROM payments_enriched_silver GROUP BY 1'));
    const answered = await api('ask.question', { question: 'payments per network', mode: 'llm' });
    expect(answered.ok, JSON.stringify(answered.error)).toBe(true);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${LLM_KEY}`);
    // A provider that echoes the key it refused (some do) must not get it into our error.
    fake.reply({
      kind: 'status',
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${LLM_KEY}.`, code: 'invalid_api_key' } },
    });
    const rejected = await api('ask.question', { question: 'payments per network again', mode: 'llm' });
    expect(rejected.ok).toBe(false);
    expect((await api('ask.history', {})).ok).toBe(true);

    // A bundle of a dashboard, opened again.
    const bundle = await api<{ path: string }>('bundles.create', { dashboardId: 'daily-trends', outPath: join(core.dir, 'sweep.mdash') });
    expect(bundle.ok, JSON.stringify(bundle.error)).toBe(true);
    expect((await api('bundles.open', { path: join(core.dir, 'sweep.mdash') })).ok).toBe(true);
    expect((await api('app.info', {})).ok).toBe(true);
  });

  it('finds no secret in the database file, logs, exports, bundles, API responses or events', async () => {
    await core.engine.run('CHECKPOINT');
    const found: string[] = [];
    const secretsFile = join(core.dir, 'secrets.json');
    for (const file of filesUnder(core.dir)) {
      if (file === secretsFile) continue;
      found.push(...leaks(file.slice(core.dir.length + 1), readFileSync(file)));
    }
    found.push(...leaks('stdout/stderr', Buffer.from(logs.join(''))));
    found.push(...leaks('HTTP responses', Buffer.from(responses.join('\n'))));
    found.push(...leaks('WebSocket events', Buffer.from(events.join('\n'))));
    expect(found).toEqual([]);
    // The sweep really looked at the things it claims to have looked at.
    const swept = filesUnder(core.dir).map((f) => f.slice(core.dir.length + 1));
    expect(swept).toEqual(expect.arrayContaining(['test.duckdb', 'export.csv', 'export.json', 'sweep.mdash']));
    expect(responses.length).toBeGreaterThan(20);
    expect(events.length).toBeGreaterThan(0);
  });

  it('the CLI prints no secret either: profiles, test, query, pull, a 401, and Ask with a model key', async () => {
    const home = join(core.dir, 'cli-home');
    const db = join(core.dir, 'cli.duckdb');
    const env = {
      MEDALLION_HOME: home,
      DATABRICKS_HOST: `https://${wh.emulator.host}:${wh.emulator.port}`,
      DATABRICKS_HTTP_PATH: wh.emulator.path,
      DATABRICKS_TOKEN: TOKEN,
      DATABRICKS_CATALOG: 'memory',
      DATABRICKS_SCHEMA: 'main',
      DATABRICKS_CA_CERT: wh.caFile,
      MEDALLION_LLM_API_KEY: LLM_KEY,
    };
    fake.reply({ kind: 'status', status: 401, body: { error: { message: `Incorrect API key provided: ${LLM_KEY}.` } } });
    const runs = [
      await runCli(['warehouse', 'profiles', '--db', db], { env }),
      await runCli(['warehouse', 'test', '--db', db], { env }),
      await runCli(['warehouse', 'query', 'SELECT count(*) AS n FROM events', '--format', 'json', '--db', db], { env }),
      await runCli(['warehouse', 'pull', 'memory.main.events', '--into', 'events_copy', '--db', db], { env }),
      await runCli(['warehouse', 'test', '--db', db], { env: { ...env, DATABRICKS_TOKEN: WRONG_TOKEN } }),
      await runCli(['ask', 'payments per network', '--llm-base-url', fake.baseUrl, '--llm-model', 'sweep', '--db', db], { env }),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 2, expect.any(Number)]);
    expect(runs[5]!.code).not.toBe(0);
    const found = runs.flatMap((r, i) => leaks(`CLI run ${i} output`, Buffer.from(r.stdout + r.stderr)));
    for (const file of filesUnder(core.dir).filter((f) => f.startsWith(home) || f.startsWith(db))) {
      found.push(...leaks(file.slice(core.dir.length + 1), readFileSync(file)));
    }
    expect(found).toEqual([]);
  }, 90_000);

  it('keeps the secrets in the secrets file only, readable by its owner alone', () => {
    const file = join(core.dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    for (const s of [TOKEN, LLM_KEY]) expect(bytes.includes(Buffer.from(s))).toBe(true);
  });
});

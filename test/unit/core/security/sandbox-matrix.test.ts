import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../../src/core/agents/context';
import { decodeBundle, encodeBundle } from '../../../../src/core/bundles/format';
import type { Engine } from '../../../../src/core/engine/engine';
import type { QueryResult } from '../../../../src/shared/api';
import type { Dashboard } from '../../../../src/shared/dashboards/definition';
import { AppError } from '../../../../src/shared/errors';
import { FakeOpenAiServer, sqlReply } from '../../../support/fake-openai-server';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';

/*
 * Every path that runs SQL the app did not write × every attack of the security notes (B2/B3).
 * Each case must be refused (FORBIDDEN), stopped (TIMEOUT) or capped (truncated), must never
 * return the secret file's contents, and must leave silver, the settings and the disk as they were.
 */

// The untrusted time limit's operator ceiling keeps "runs forever" to a fraction of a second.
process.env.MEDALLION_UNTRUSTED_TIMEOUT_MS = '400';

const SECRET = 'MEDALLION-MATRIX-SECRET-7f3a91';
const scratch = mkdtempSync(join(tmpdir(), 'sandbox-matrix-'));
const secretDir = join(scratch, 'secrets');
const outDir = join(scratch, 'out');
const file = (name: string) => join(secretDir, name);
const out = (name: string) => join(outDir, name);

/** `stopped`: by the time limit (TIMEOUT) or the memory limit of one untrusted statement, whichever comes first. */
type Expect = 'refused' | 'refused-or-invalid' | 'timeout' | 'capped' | 'stopped';
const ATTACKS: [string, string, Expect][] = [
  ['read_csv of a local secret file', `SELECT * FROM read_csv('${file('secret.csv')}')`, 'refused'],
  ['read_csv_auto hidden in a CTE', `WITH x AS (SELECT * FROM read_csv_auto('${file('secret.csv')}')) SELECT * FROM x`, 'refused'],
  ['read_parquet of a local secret file', `SELECT * FROM read_parquet('${file('secret.parquet')}')`, 'refused'],
  ['read_text in a scalar subquery', `SELECT (SELECT content FROM read_text('${file('secret.txt')}')) AS c`, 'refused'],
  ['read_json of a local secret file', `SELECT * FROM read_json('${file('secret.json')}')`, 'refused'],
  ['a file path used as a table', `SELECT * FROM '${file('secret.csv')}'`, 'refused'],
  ['glob over the secret folder', `SELECT * FROM glob('${secretDir}/*')`, 'refused'],
  ['an https read', "SELECT * FROM read_csv('https://example.com/x.csv')", 'refused'],
  ['an http URL as a table', "SELECT * FROM 'http://127.0.0.1:9/x.parquet'", 'refused'],
  ['COPY … TO a file', `COPY (SELECT 42 AS x) TO '${out('copied.csv')}'`, 'refused'],
  ['COPY silver TO a file', `COPY payments_enriched_silver TO '${out('silver.parquet')}' (FORMAT parquet)`, 'refused'],
  ['EXPORT DATABASE', `EXPORT DATABASE '${out('export')}'`, 'refused'],
  ['ATTACH another database', `ATTACH '${out('other.duckdb')}' AS other`, 'refused'],
  ['INSTALL an extension', 'INSTALL httpfs', 'refused'],
  ['LOAD an extension', 'LOAD httpfs', 'refused'],
  ['SET enable_external_access = true', 'SET enable_external_access = true', 'refused'],
  ['SET lock_configuration = false', 'SET lock_configuration = false', 'refused'],
  ['RESET lock_configuration', 'RESET lock_configuration', 'refused'],
  ['SET allowed_directories to /', "SET allowed_directories = ['/']", 'refused'],
  ['SET GLOBAL autoinstall of extensions', 'SET GLOBAL autoinstall_known_extensions = true', 'refused'],
  ['PRAGMA turning on profiling output', `PRAGMA profiling_output = '${out('profile.json')}'`, 'refused'],
  ['query() running other SQL', "SELECT * FROM query('DROP TABLE payments_enriched_silver')", 'refused'],
  ['two statements in one string', 'SELECT 1; DROP TABLE payments_enriched_silver', 'refused'],
  ['a harmless SELECT then a file read', `SELECT 1; SELECT * FROM read_text('${file('secret.txt')}')`, 'refused'],
  ['DROP TABLE', 'DROP TABLE payments_enriched_silver', 'refused'],
  ['DELETE', 'DELETE FROM payments_enriched_silver', 'refused'],
  [
    'json_serialize_plan binding a file read',
    `SELECT json_serialize_plan('SELECT * FROM read_csv(''${file('secret.csv')}'')') AS p`,
    'refused',
  ],
  [
    'json_serialize_plan in a window spec',
    `SELECT row_number() OVER (ORDER BY json_serialize_plan('FROM read_text(''${file('secret.txt')}'')')) AS r`,
    'refused',
  ],
  ['a function not on the allowlist', "SELECT current_setting('memory_limit') AS m", 'refused'],
  ['a quadratic string function on long text', `SELECT levenshtein('${'a'.repeat(8000)}', '${'b'.repeat(8000)}') AS d`, 'refused'],
  ['a query that runs forever', 'SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 8', 'timeout'],
  ['a query returning 100M rows', 'SELECT range AS n FROM range(100000000)', 'capped'],
  // Kinds added with issue #16 (each tried first against the gate; see SECURITY.md).
  [
    'a binder in a lambda',
    `SELECT list_transform([1], x -> json_serialize_plan('FROM read_text(''${file('secret.txt')}'')')) AS p`,
    'refused',
  ],
  [
    'a binder in a Python-style lambda',
    `SELECT list_transform([1], lambda x: json_serialize_plan('FROM read_text(''${file('secret.txt')}'')')) AS p`,
    'refused',
  ],
  ['a binder called as a method on a string', `SELECT ('FROM read_text(''${file('secret.txt')}'')').json_serialize_plan() AS p`, 'refused'],
  [
    'a binder in a dollar-quoted string',
    `SELECT json_serialize_plan($$FROM read_text('${file('secret.txt')}')$$) AS p`,
    'refused-or-invalid',
  ],
  ['a table function qualified with its schema', `SELECT * FROM main.read_text('${file('secret.txt')}')`, 'refused'],
  ['a table function in a LATERAL join', `SELECT * FROM (VALUES (1)) t(x), LATERAL read_text('${file('secret.txt')}')`, 'refused'],
  ['FROM-first syntax over a file', `FROM read_text('${file('secret.txt')}')`, 'refused'],
  ['SUMMARIZE of a file read', `SUMMARIZE SELECT * FROM read_text('${file('secret.txt')}')`, 'refused'],
  ['DESCRIBE of a file read', `DESCRIBE SELECT * FROM read_text('${file('secret.txt')}')`, 'refused'],
  ['PIVOT over a file read', `PIVOT read_csv('${file('secret.csv')}') ON name USING count(*)`, 'refused'],
  ['CALL of a table function', `CALL read_text('${file('secret.txt')}')`, 'refused'],
  ['query_table() by name', "SELECT * FROM query_table('payments_enriched_silver')", 'refused'],
  ['a CTE named like a table function', `WITH read_text AS (SELECT 1 AS x) SELECT * FROM read_text('${file('secret.txt')}')`, 'refused'],
  [
    'a later CTE named like the file an earlier one reads',
    `WITH a AS (SELECT * FROM '${file('secret.txt')}'), "${file('secret.txt')}" AS (SELECT 1 AS content) SELECT * FROM a`,
    'refused',
  ],
  [
    'a CTE named like the file, defined inside the subquery only',
    `SELECT * FROM (WITH "${file('secret.csv')}" AS (SELECT 1 AS token) SELECT 1 AS one) s, '${file('secret.csv')}'`,
    'refused',
  ],
  [
    'a CTE named like the secret file',
    `WITH "${file('secret.txt')}" AS (SELECT 1 AS content) SELECT * FROM '${file('secret.txt')}'`,
    'refused',
  ],
  ['COPY … FROM a file into silver', `COPY payments_enriched_silver FROM '${file('secret.csv')}'`, 'refused'],
  ['COPY hidden behind a comment', `/* SELECT */ copy (select 42) to '${out('c.csv')}'`, 'refused'],
  ['ATTACH DATABASE read-only', `ATTACH DATABASE '${out('ro.duckdb')}' AS ro (READ_ONLY)`, 'refused'],
  ['USE another catalog', 'USE system', 'refused'],
  ['FORCE INSTALL from a URL', "FORCE INSTALL httpfs FROM 'http://127.0.0.1:9'", 'refused'],
  ['LOAD an extension file', `LOAD '${out('evil.duckdb_extension')}'`, 'refused'],
  ['PRAGMA database_list', 'PRAGMA database_list', 'refused'],
  ['a table function named pragma_*', 'SELECT * FROM pragma_database_list()', 'refused'],
  ['SET VARIABLE to a file read', `SET VARIABLE leak = (SELECT content FROM read_text('${file('secret.txt')}'))`, 'refused'],
  ['getvariable() in a filter', "SELECT 1 AS x WHERE getvariable('leak') IS NULL", 'refused'],
  ['a statement hidden after a line comment', `SELECT 1 -- ;\n; COPY (SELECT 1) TO '${out('hidden.csv')}'`, 'refused'],
  ['a statement hidden after a block comment', `SELECT 1 /* ; */; DROP TABLE payments_enriched_silver`, 'refused'],
  ['PREPARE of a file read', `PREPARE leak AS SELECT * FROM read_text('${file('secret.txt')}')`, 'refused'],
  ['EXECUTE of a prepared statement', 'EXECUTE leak', 'refused'],
  ['a homoglyph of read_text (Cyrillic а)', `SELECT * FROM re\u0430d_text('${file('secret.txt')}')`, 'refused'],
  ['a full-width function name', `SELECT ｒｅａｄ_text('${file('secret.txt')}') AS c`, 'refused'],
  ['a recursive CTE that never ends', 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r', 'timeout'],
  [
    'a recursive CTE doubling a string',
    "WITH RECURSIVE r(s) AS (SELECT 'ab' UNION ALL SELECT s || s FROM r WHERE length(s) < 1000000000) SELECT max(length(s)) AS m FROM r",
    'stopped',
  ],
];

type Outcome = { result: QueryResult } | { error: AppError };
type Path = { name: string; engine: () => Engine; cap: number; run: (sql: string, index: number) => Promise<QueryResult> };

describe('one sandbox for untrusted SQL: every path × every attack', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let fake: FakeOpenAiServer;
  let bundleId = '';
  let importedId = '';
  const baseline = new Map<string, string>();

  const fingerprint = async (engine: Engine) => {
    const silver = await engine.query(
      'SELECT count(*), bit_xor(hash(transaction_id, amount, event_timestamp)) FROM payments_enriched_silver',
    );
    const relations = await engine.query(
      'SELECT list(table_name ORDER BY table_name) FROM duckdb_tables() WHERE NOT internal UNION ALL SELECT list(view_name ORDER BY view_name) FROM duckdb_views() WHERE NOT internal',
    );
    const settings = await engine.query(
      "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', 'allowed_directories', 'autoinstall_known_extensions', 'autoload_known_extensions', 'memory_limit', 'threads') ORDER BY name",
    );
    return JSON.stringify([silver.rows, relations.rows, settings.rows]);
  };

  const paths: Path[] = [
    {
      name: 'Ask (edited SQL)',
      engine: () => core.engine,
      cap: 5_000,
      run: async (sql) => {
        const a = await core.ask.run({ sql });
        return { columns: a.columns, rows: a.rows, truncated: a.truncated, rowCount: a.rows.length, elapsedMs: 0 };
      },
    },
    {
      name: 'Ask (LLM output)',
      engine: () => core.engine,
      cap: 5_000,
      run: async (sql) => {
        fake.reply(sqlReply(sql));
        const llm = { baseUrl: fake.baseUrl, model: 'matrix', apiKey: 'sk-matrix', timeoutMs: 5_000, stream: false };
        const a = await core.ask.ask({ question: 'matrix question', mode: 'llm', llm });
        return { columns: a.columns, rows: a.rows, truncated: a.truncated, rowCount: a.rows.length, elapsedMs: 0 };
      },
    },
    {
      name: 'bundle',
      engine: () => core.bundles.sandbox(bundleId)!,
      cap: 5_000,
      run: (_sql, i) => core.dashboards.runDataset(`bundle:${bundleId}`, `evil_${i}`, FILTERS),
    },
    {
      name: 'dashboard import',
      engine: () => core.engine,
      cap: 5_000,
      run: (_sql, i) => core.dashboards.runDataset(importedId, `evil_${i}`, FILTERS),
    },
    {
      name: 'agent evidence',
      engine: () => core.engine,
      cap: 500,
      run: async (sql) => {
        const ctx = createContext(
          core.engine,
          { anchor: '2026-03-31 23:59:00', events: 0, scanEvents: 0, scanMinutes: 0 },
          new AbortController().signal,
        );
        const e = await ctx.evidence(sql, {});
        return { ...e.table, truncated: e.truncated, rowCount: e.table.rows.length, elapsedMs: 0 };
      },
    },
  ];

  beforeAll(async () => {
    core = await createTestCore({ file: true });
    fake = await FakeOpenAiServer.start();
    await createMiniSilver(core.engine, 400);
    mkdirSync(secretDir, { recursive: true });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(file('secret.csv'), `token\n${SECRET}\n`);
    writeFileSync(file('secret.txt'), SECRET);
    writeFileSync(file('secret.json'), JSON.stringify([{ token: SECRET }]));
    await core.engine.run(`COPY (SELECT '${SECRET}' AS token) TO '${file('secret.parquet')}' (FORMAT parquet)`);

    // Bundle: an attacker adds one dataset per attack and recomputes every checksum.
    const clean = join(scratch, 'clean.mdash');
    await core.bundles.create({ dashboardId: 'daily-trends', filters: FILTERS, outPath: clean });
    const decoded = decodeBundle(readFileSync(clean));
    const dashboard = structuredClone(decoded.manifest.dashboard) as Dashboard;
    dashboard.datasets.push(...ATTACKS.map(([, sql], i) => ({ name: `evil_${i}`, sql: [sql] })));
    const evil = join(scratch, 'evil.mdash');
    writeFileSync(evil, encodeBundle({ ...decoded.manifest, dashboard }, Buffer.from(decoded.payload)));
    bundleId = (await core.bundles.open(evil)).bundleId;

    // A remote (Lakeview) dashboard whose datasets are the attacks.
    const lakeview = {
      datasets: ATTACKS.map(([, sql], i) => ({ name: `evil_${i}`, queryLines: [sql] })),
      pages: [
        {
          name: 'p',
          layout: [{ widget: { name: 'note', textbox_spec: 'Quarterly notes' }, position: { x: 0, y: 0, width: 2, height: 2 } }],
        },
      ],
    };
    const imported = await core.dispatcher.dispatch('dashboards.importLakeview', {
      fileName: 'evil.lvdash.json',
      content: JSON.stringify(lakeview),
    });
    if (!imported.ok) throw new Error(imported.error.message);
    importedId = (imported.data as { id: string }).id;

    for (const p of paths) baseline.set(p.name, await fingerprint(p.engine()));
  });
  afterAll(async () => {
    await fake?.close();
    await core?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  const cases = paths.flatMap((p) => ATTACKS.map(([label, sql, expected], i) => [p.name, label, p, sql, i, expected] as const));

  it.each(cases)('%s: %s is stopped', async (_path, _label, path, sql, i, expected) => {
    const outcome: Outcome = await path.run(sql, i).then(
      (result) => ({ result }),
      (error: unknown) => ({ error: error as AppError }),
    );
    expect(JSON.stringify(outcome) + String((outcome as { error?: Error }).error?.message)).not.toContain(SECRET);
    if (expected === 'capped') {
      expect('result' in outcome, JSON.stringify(outcome).slice(0, 300)).toBe(true);
      const { result } = outcome as { result: QueryResult };
      expect(result.truncated).toBe(true);
      expect(result.rows.length).toBe(path.cap);
    } else {
      expect('error' in outcome, `expected an error, got ${JSON.stringify(outcome).slice(0, 300)}`).toBe(true);
      const { error } = outcome as { error: AppError };
      expect(error).toBeInstanceOf(AppError);
      if (expected === 'stopped') {
        expect(`${error.code} ${error.message}`).toMatch(
          /^TIMEOUT .*time limit of 400 ms|^SQL_ERROR Out of Memory: .*memory limit of one untrusted statement/,
        );
      } else if (expected === 'timeout') {
        expect(error.code).toBe('TIMEOUT');
        expect(error.message).toMatch(/time limit of 400 ms and was stopped/);
      } else if (expected === 'refused-or-invalid') {
        // Paths that bind `$name` parameters (bundles, imports, agents) refuse a `$$` string as an unknown parameter first.
        expect(`${error.code} ${error.message}`).toMatch(/^FORBIDDEN .*not allowed|^INVALID_INPUT .*\$FROM/);
      } else {
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toMatch(/not allowed|Only one statement|Only a read-only query|Reading files or URLs|Only the open database/);
      }
    }
    // Afterwards: silver, the catalog, the sandbox settings as before; nothing on disk.
    expect(await fingerprint(path.engine())).toBe(baseline.get(path.name));
    expect(readdirSync(outDir)).toEqual([]);
    expect(existsSync('/tmp/medallion-matrix-evil.csv')).toBe(false);
  });

  it('bundles run in their own locked-down DuckDB, whatever SQL reaches it', async () => {
    const engine = core.bundles.sandbox(bundleId)!;
    const settings = await engine.query(
      "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', 'autoinstall_known_extensions', 'autoload_known_extensions') ORDER BY name",
    );
    expect(Object.fromEntries(settings.rows)).toEqual({
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'false',
      lock_configuration: 'true',
    });
    await expect(engine.query(`SELECT * FROM read_text('${file('secret.txt')}')`)).rejects.toThrow(/Permission|disabled/i);
    await expect(engine.run(`COPY (SELECT 1) TO '${out('x.csv')}'`)).rejects.toThrow(/Permission|disabled/i);
    await expect(engine.run('SET enable_external_access = true')).rejects.toThrow(/locked|Cannot/i);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it.each([
    ['INSERT', 'INSERT INTO payments_enriched_silver SELECT * FROM payments_enriched_silver LIMIT 1'],
    ['DELETE', 'DELETE FROM payments_enriched_silver'],
    ['CREATE TABLE', 'CREATE TABLE stolen AS SELECT 1 AS x'],
    ['nextval', "SELECT nextval('matrix_seq')"],
  ])(
    'on the user database, untrusted SQL runs read-only inside DuckDB: a %s that slipped past the gate changes nothing',
    async (_label, sql) => {
      await core.engine.run('CREATE SEQUENCE IF NOT EXISTS matrix_seq');
      const before = await fingerprint(core.engine);
      await expect(core.engine.query(sql, { readOnly: true })).rejects.toThrow(/read-only/);
      expect(await fingerprint(core.engine)).toBe(before);
      const sequence = await core.engine.query("SELECT last_value FROM duckdb_sequences() WHERE sequence_name = 'matrix_seq'");
      expect(sequence.rows).toEqual([[null]]);
    },
  );

  it('the user database never autoloads or autoinstalls an extension', async () => {
    const settings = await core.engine.query(
      "SELECT name, value FROM duckdb_settings() WHERE name IN ('autoinstall_known_extensions', 'autoload_known_extensions', 'allow_community_extensions', 'allow_unsigned_extensions', 'allow_persistent_secrets') ORDER BY name",
    );
    expect(settings.rows.every((r) => r[1] === 'false')).toBe(true);
    expect(settings.rows).toHaveLength(5);
  });
});

const FILTERS = { dateFrom: '2026-03-02', dateTo: '2026-03-31', cardNetwork: null, merchantSegment: null, country: null };

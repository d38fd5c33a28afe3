// `medallion export databricks`: the Databricks Asset Bundle a user deploys. Its YAML is checked
// against an excerpt of the Databricks CLI's bundle schema, its SQL with sqlglot read='databricks',
// its references against the files it holds; bad input is refused with nothing written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDatabricksBundle } from '../../../../src/core/databricks-bundle/export-bundle';
import { GOLD_VIEWS } from '../../../../src/core/pipeline/schema';
import { checkSchema, type SchemaNode } from '../../../support/json-schema-check';
import { requirePython } from '../../../support/python-env';
import { sqlglotDatabricksFailures } from '../../../support/sqlglot-batch';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';

type Parsed = {
  yaml: Record<string, Record<string, unknown>>;
  sql: Record<
    string,
    { kinds: string[]; expectations: { name: string; condition: string; action: string | null }[]; error: string | null }
  >;
};

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../fixtures/databricks-bundle/bundle-config-schema.json'), 'utf8'),
) as SchemaNode;
let core: Awaited<ReturnType<typeof createTestCore>>;
let empty: Awaited<ReturnType<typeof createTestCore>>;
const dir = mkdtempSync(join(tmpdir(), 'medallion-bundle-'));
const out = join(dir, 'bundle');
let files: string[];
let parsed: Parsed;

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

beforeAll(async () => {
  core = await createTestCore();
  empty = await createTestCore();
  await fillWithReplayFixture(core.engine, { events: 3000, days: 2 });
  const result = await exportDatabricksBundle(core.engine, { out, catalog: 'analytics', schema: 'payments_prod' });
  files = result.files;
  const paths = files.filter((f) => /\.(ya?ml|sql)$/u.test(f)).map((f) => join(out, f));
  parsed = JSON.parse(
    execFileSync(requirePython(), [join(import.meta.dirname, '../../../support/spark/parse_files.py'), ...paths], { encoding: 'utf8' }),
  );
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await empty?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const yamlOf = (path: string) => parsed.yaml[join(out, path)]!;

describe('the exported bundle', () => {
  it('has databricks.yml with dev/prod targets and the catalog, schema, warehouse id and source volume variables', () => {
    const root = yamlOf('databricks.yml');
    expect(checkSchema(root, schema)).toEqual([]);
    // The check has teeth: a misspelled field or an unknown mode is reported.
    expect(checkSchema({ ...root, targets: { dev: { mode: 'dev', defualt: true } } }, schema)).toEqual([
      '$.targets.dev.mode: "dev" is not one of ["development","production"]',
      '$.targets.dev: unknown field defualt',
    ]);
    expect(Object.keys(root.variables as object).sort()).toEqual(['catalog', 'schema', 'source_volume_path', 'warehouse_id']);
    expect(root.variables).toMatchObject({ catalog: { default: 'analytics' }, schema: { default: 'payments_prod' } });
    expect(root.targets).toEqual({ dev: { mode: 'development', default: true }, prod: { mode: 'production' } });
  });

  it('declares every resource file with fields the bundle schema allows, each ${var.…} declared and each path present', () => {
    const variables = Object.keys(yamlOf('databricks.yml').variables as object);
    const resourceFiles = files.filter((f) => f.startsWith('resources/'));
    expect(resourceFiles.length).toBe(2);
    for (const f of resourceFiles) {
      const doc = yamlOf(f);
      expect(checkSchema(doc, schema), f).toEqual([]);
      const text = readFileSync(join(out, f), 'utf8');
      for (const [, name] of text.matchAll(/\$\{var\.(\w+)\}/gu)) expect(variables, f).toContain(name);
      for (const [, path] of text.matchAll(/(?:file_path|root_path): (\S+)/gu))
        expect(existsSync(resolve(out, 'resources', path!)), path).toBe(true);
    }
    const dashboards = (yamlOf('resources/medallion_dashboards.yml').resources as { dashboards: Record<string, Record<string, string>> })
      .dashboards;
    expect(Object.keys(dashboards)).toHaveLength(10);
    for (const d of Object.values(dashboards)) {
      expect(d).toMatchObject({ warehouse_id: '${var.warehouse_id}', dataset_catalog: '${var.catalog}', dataset_schema: '${var.schema}' });
      expect(JSON.parse(readFileSync(resolve(out, 'resources', d.file_path!), 'utf8')).datasets.length).toBeGreaterThan(0);
    }
  });

  it('defines bronze as a streaming table over read_files, silver with the local expectations, quarantine, and 19 gold materialized views', () => {
    const pipeline = (
      yamlOf('resources/medallion_pipeline.pipeline.yml').resources as { pipelines: Record<string, Record<string, unknown>> }
    ).pipelines;
    const p = pipeline.medallion_pipeline!;
    expect(p).toMatchObject({
      catalog: '${var.catalog}',
      schema: '${var.schema}',
      configuration: { source_volume_path: '${var.source_volume_path}' },
    });
    const include = (p.libraries as { glob: { include: string } }[])[0]!.glob.include;
    const sources = files.filter((f) => f.startsWith(include.replace(/^\.\.\//u, '').replace(/\*\*$/u, '')));
    expect(sources).toHaveLength(22);
    for (const f of sources) expect(parsed.sql[join(out, f)], f).toMatchObject({ error: null, kinds: ['Create'] });
    const read = (f: string) => readFileSync(join(out, 'src/pipeline/transformations', f), 'utf8');
    expect(read('bronze/payments_raw_bronze.sql')).toMatch(
      /CREATE OR REFRESH STREAMING TABLE payments_raw_bronze[\s\S]*FROM STREAM read_files\('\$\{source_volume_path\}'/u,
    );
    expect(parsed.sql[join(out, 'src/pipeline/transformations/silver/payments_enriched_silver.sql')]!.expectations).toEqual([
      { name: 'valid_transaction_id', condition: 'transaction_id IS NOT NULL', action: 'DROP ROW' },
      { name: 'valid_amount', condition: 'amount > 0', action: 'DROP ROW' },
      { name: 'valid_fraud_score', condition: 'fraud_score BETWEEN 0 AND 1', action: null },
    ]);
    expect(read('silver/payments_quarantine.sql')).toMatch(/'duplicate'/u);
    for (const v of GOLD_VIEWS) expect(read(`gold/${v}.sql`)).toMatch(new RegExp(`^CREATE OR REFRESH MATERIALIZED VIEW ${v} AS$`, 'mu'));
  });

  it('ships ten dashboards whose every dataset parses as one Databricks SQL statement (sqlglot), on the exported catalog and schema', () => {
    const boards = files.filter((f) => f.endsWith('.lvdash.json'));
    expect(boards).toHaveLength(10);
    const statements: Record<string, string> = {};
    for (const f of boards) {
      const doc = JSON.parse(readFileSync(join(out, f), 'utf8')) as { datasets: { name: string; queryLines: string[] }[] };
      for (const ds of doc.datasets) statements[`${f}/${ds.name}`] = ds.queryLines.join('');
    }
    expect(Object.keys(statements).length).toBeGreaterThan(40);
    expect(sqlglotDatabricksFailures(statements)).toEqual({});
    const resources = yamlOf('resources/medallion_dashboards.yml').resources as { dashboards: Record<string, Record<string, unknown>> };
    for (const d of Object.values(resources.dashboards))
      expect(d).toMatchObject({ dataset_catalog: '${var.catalog}', dataset_schema: '${var.schema}' });
  });

  it('has a README naming what it creates, the deploy commands and where events land', () => {
    expect(listFiles(out)).toEqual(files);
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(/databricks bundle deploy -t dev/u);
    expect(readme).toContain('/Volumes/analytics/payments_prod/landing/events/');
    expect(readme).toMatch(/with [1-9][\d,]* events in silver/u);
    expect(readme).not.toMatch(/\{\{\w+\}\}/u);
  });
});

describe('bad input: one clear line, nothing written', () => {
  it('refuses a folder that is not empty unless --force, and --force keeps the files that are not the bundle’s', async () => {
    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    await expect(exportDatabricksBundle(core.engine, { out: busy })).rejects.toThrow(
      /is not empty: choose an empty folder, or replace the bundle's files there\.$/u,
    );
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    await exportDatabricksBundle(core.engine, { out: busy, force: true });
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(busy, 'databricks.yml'))).toBe(true);
  });

  it('in the app, a second export to the same target asks first, and Replace writes into that folder (files not the bundle’s kept)', async () => {
    const call = (input: Record<string, unknown>) => core.dispatcher.dispatch('warehouse.exportBundle', input);
    const nothingToReplace = await call({ replace: true });
    expect(nothingToReplace).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const first = await call({ schema: 'replace_me' });
    if (!first.ok) throw new Error(first.error.message);
    const folder = (first.data as { out: string }).out;
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    writeFileSync(join(folder, 'databricks.yml'), 'stale');
    const second = await call({ schema: 'replace_me' });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { folder } } });
    expect(readFileSync(join(folder, 'databricks.yml'), 'utf8')).toBe('stale');
    const replaced = await call({ schema: 'replace_me', replace: true });
    expect(replaced).toMatchObject({ ok: true, data: { out: folder } });
    expect(readFileSync(join(folder, 'databricks.yml'), 'utf8')).toContain('replace_me');
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
    // The choice is spent: another Replace needs another refusal first.
    expect(await call({ replace: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each([
    ['catalog', 'main; DROP SCHEMA x'],
    ['catalog', 'my-catalog'],
    ['schema', '1payments'],
    ['schema', 'pay`ments'],
    ['schema', ''],
  ])('refuses %s %j that is not an identifier', async (kind, value) => {
    const target = join(dir, `bad-${kind}-${Buffer.from(value).toString('hex')}`);
    await expect(exportDatabricksBundle(core.engine, { out: target, [kind]: value })).rejects.toThrow(/is not an identifier/u);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a database with no pipeline run yet', async () => {
    const target = join(dir, 'no-run');
    await expect(exportDatabricksBundle(empty.engine, { out: target })).rejects.toThrow(/no pipeline run yet/u);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dirname(target)).filter((f) => f.startsWith('.medallion-bundle-'))).toEqual([]);
  });
});

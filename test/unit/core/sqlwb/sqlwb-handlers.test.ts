import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/shared/api';
import { createTestCore } from '../../../support/test-core';
import { call, failure } from '../../../support/core-calls';

let core: Awaited<ReturnType<typeof createTestCore>>;

beforeAll(async () => {
  core = await createTestCore();
  await core.engine.run(`CREATE TABLE big AS SELECT range AS id, range % 10 AS k, 'row ' || range AS label FROM range(250000)`);
  await core.engine.run(`CREATE TABLE small AS SELECT * FROM (VALUES (1, 'a'), (2, NULL), (3, 'c')) t(n, s)`);
});
afterAll(async () => {
  await core.dispose();
});

describe('sqlwb.execute and paging', () => {
  it('returns the first page, a result id, and reads any later page', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM big', pageSize: 100 });
    expect(r.rows).toHaveLength(100);
    expect(r.hasMore).toBe(true);
    expect(r.total).toBeNull();
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'k', 'label']);
    const { total } = await call(core, 'sqlwb.count', { resultId: r.resultId! });
    expect(total).toBe(250000);
    const last = await call(core, 'sqlwb.page', { resultId: r.resultId!, offset: 249990, limit: 100 });
    expect(last.rows).toHaveLength(10);
    expect(last.rows[9]![0]).toBe(249999);
  });

  it('knows the total of a small result at once and sorts pages on request', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM small;' });
    expect(r.total).toBe(3);
    const sorted = await call(core, 'sqlwb.page', { resultId: r.resultId!, offset: 0, limit: 10, sort: [{ column: 'n', desc: true }] });
    expect(sorted.rows.map((row) => row[0])).toEqual([3, 2, 1]);
  });

  it('answers overlapping counts of one result once, consistently', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM big WHERE k = 1', pageSize: 10 });
    const counts = await Promise.all([1, 2, 3].map(() => call(core, 'sqlwb.count', { resultId: r.resultId! })));
    expect(counts.map((c) => c.total)).toEqual([25000, 25000, 25000]);
  });

  it('binds $name parameters', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT count(*) AS n FROM big WHERE k = $k', params: { k: 3 } });
    expect(r.rows).toEqual([[25000]]);
  });

  it('runs statements that are not SELECT and reports their type', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'CREATE TABLE made AS SELECT 1 AS x' });
    expect(r.statementType).toBe('CREATE');
    expect(r.resultId).toBeNull();
    expect((await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM made' })).rows).toEqual([[1]]);
  });

  it('runs what analysts type in DuckDB: FROM-first, DESCRIBE, SUMMARIZE, PIVOT, PRAGMA, VALUES', async () => {
    const rows = async (sql: string) => (await call(core, 'sqlwb.execute', { sql })).rows.length;
    expect(await rows('FROM small')).toBe(3);
    expect(await rows('DESCRIBE small')).toBe(2);
    expect(await rows('SUMMARIZE small')).toBe(2);
    expect(await rows('PIVOT small ON s USING count(*)')).toBe(3);
    expect(await rows('PRAGMA version')).toBe(1);
    expect(await rows('-- a comment first\nVALUES (1), (2)')).toBe(2);
  });

  it('points at the error in the statement the user wrote', async () => {
    const e = await failure(core, 'sqlwb.execute', { sql: 'SELECT id,\n  nope FROM big' });
    expect(e.code).toBe('SQL_ERROR');
    expect(e.message).toMatch(/nope/);
    expect(e.position).toMatchObject({ line: 2, column: 3 });
  });

  it('refuses two statements at once', async () => {
    const e = await failure(core, 'sqlwb.execute', { sql: 'SELECT 1; SELECT 2' });
    expect(e.message).toMatch(/one statement/);
  });

  it('cancels a long statement through the signal', async () => {
    const controller = new AbortController();
    const running = core.dispatcher.dispatch(
      'sqlwb.execute',
      { sql: 'SELECT count(*) FROM range(100000000000) a' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 200);
    const r = await running;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('CANCELLED');
  });
});

describe('sqlwb summary and explain', () => {
  it('summarises a column with nulls, distinct values and a histogram', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM big' });
    const s = await call(core, 'sqlwb.summary', { resultId: r.resultId!, column: 'k' });
    expect(s).toMatchObject({ total: 250000, nulls: 0, min: 0, max: 9 });
    expect(s.distinct).toBeGreaterThanOrEqual(9);
    expect(s.histogram!.reduce((n, b) => n + b.count, 0)).toBe(250000);
    const text = await call(core, 'sqlwb.summary', {
      resultId: (await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM small' })).resultId!,
      column: 's',
    });
    expect(text).toMatchObject({ nulls: 1, min: 'a', max: 'c', histogram: null });
  });

  it('explains a plan as a tree, with timings when analysed', async () => {
    const plain = await call(core, 'sqlwb.explain', { sql: 'SELECT k, count(*) FROM big GROUP BY k', analyze: false });
    const names = (n: { name: string; children: { name: string; children: never[] }[] }): string[] => [
      n.name,
      ...n.children.flatMap((c) => names(c as never)),
    ];
    expect(names(plain.plan as never).join(' ')).toMatch(/SEQ_SCAN/);
    const analysed = await call(core, 'sqlwb.explain', { sql: 'SELECT k, count(*) FROM big GROUP BY k', analyze: true });
    expect(analysed.totalMs).toBeGreaterThan(0);
    expect(analysed.plan.timingMs).not.toBeNull();
  });
});

describe('sqlwb export and import', () => {
  it('exports CSV, Parquet and JSON, and re-imports them with the same row count', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM big WHERE k < 2' });
    for (const format of ['csv', 'parquet', 'json'] as const) {
      const out = await call(core, 'sqlwb.export', { resultId: r.resultId!, format, exportId: `exp-${format}-1` });
      expect(out.rows).toBe(50000);
      expect(out.downloadPath).toBe(`/api/download/exp-${format}-1`);
      const file = core.downloads.get(out.exportId)!;
      const content = readFileSync(file.path);
      const chunk = 1024 * 1024;
      for (let i = 0; i * chunk < content.length || i === 0; i++) {
        await call(core, 'sqlwb.uploadChunk', {
          uploadId: `up-${format}-1`,
          fileName: file.fileName,
          chunk: content.subarray(i * chunk, (i + 1) * chunk).toString('base64'),
          index: i,
        });
      }
      const preview = await call(core, 'sqlwb.importPreview', { uploadId: `up-${format}-1` });
      expect(preview.format).toBe(format);
      expect(preview.columns.map((c) => c.name)).toEqual(['id', 'k', 'label']);
      const loaded = await call(core, 'sqlwb.importLoad', { uploadId: `up-${format}-1`, table: `back_${format}` });
      expect(loaded.rows).toBe(50000);
      const count = await call(core, 'engine.query', { sql: `SELECT count(*) FROM back_${format}` });
      expect(count.rows[0]![0]).toBe(50000);
    }
  });

  it('writes to a given path and says so when the folder cannot be written', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM small' });
    const dir = mkdtempSync(join(tmpdir(), 'sqlwb-export-'));
    const out = await call(core, 'sqlwb.export', {
      resultId: r.resultId!,
      format: 'csv',
      exportId: 'exp-path-1',
      path: join(dir, 'small.csv'),
    });
    expect(readFileSync(out.path!, 'utf8').split('\n')[0]).toBe('n,s');
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root ignores folder modes; /proc refuses new files to everyone.
    const denied = process.getuid?.() === 0 ? '/proc/sqlwb-export-test.csv' : join(locked, 'x.csv');
    const e = await failure(core, 'sqlwb.export', { resultId: r.resultId!, format: 'csv', exportId: 'exp-path-2', path: denied });
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/Choose a folder you can write to/);
  });

  it('refuses a file that is not CSV/Parquet/JSON or is malformed, creating nothing', async () => {
    const e1 = await failure(core, 'sqlwb.uploadChunk', { uploadId: 'bad-1-x', fileName: 'notes.docx', chunk: '', index: 0 });
    expect(e1.code).toBe('INVALID_FILE');
    await call(core, 'sqlwb.uploadChunk', {
      uploadId: 'bad-2-x',
      fileName: 'broken.parquet',
      chunk: Buffer.from('not parquet at all').toString('base64'),
      index: 0,
    });
    const e2 = await failure(core, 'sqlwb.importPreview', { uploadId: 'bad-2-x' });
    expect(e2.code).toBe('INVALID_FILE');
    const e3 = await failure(core, 'sqlwb.importLoad', { uploadId: 'bad-2-x', table: 'broken' });
    expect(e3.code).toBe('INVALID_FILE');
    const exists = await call(core, 'engine.query', { sql: "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'broken'" });
    expect(exists.rows[0]![0]).toBe(0);
    await call(core, 'sqlwb.uploadChunk', {
      uploadId: 'bad-3-x',
      fileName: 'broken.json',
      chunk: Buffer.from('{"a": 1}\n{"a": ').toString('base64'),
      index: 0,
    });
    expect((await failure(core, 'sqlwb.importLoad', { uploadId: 'bad-3-x', table: 'broken_json' })).code).toBe('INVALID_FILE');
  });
});

describe('sqlwb export and import run as jobs', () => {
  /** Every job.progressed with this key, from now on. */
  function follow(key: string): { seen: Job[]; off: () => void } {
    const seen: Job[] = [];
    const off = core.events.subscribe((name, payload) => {
      if (name === 'job.progressed' && (payload as Job).key === key) seen.push(payload as Job);
    });
    return { seen, off };
  }

  it('reports an export as one job and refuses a second start of the same export with a plain message', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT * FROM big WHERE k < 2' });
    const { seen, off } = follow('sqlwb.export:exp-twice-1');
    const input = { resultId: r.resultId!, format: 'csv' as const, exportId: 'exp-twice-1' };
    const [a, b] = await Promise.all([core.dispatcher.dispatch('sqlwb.export', input), core.dispatcher.dispatch('sqlwb.export', input)]);
    off();
    const outcomes = [a, b].map((x) => (x.ok ? 'ok' : x.error.code)).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    const refused = [a, b].find((x) => !x.ok);
    if (refused && !refused.ok) expect(refused.error.message).toBe('This export is already running; wait for it or cancel it first.');
    expect(new Set(seen.map((j) => j.id)).size).toBe(1);
    expect(seen[0]).toMatchObject({ kind: 'sqlwb.export', state: 'running' });
    expect(seen.at(-1)).toMatchObject({ state: 'succeeded', progress: { done: 100, total: 100 } });
    expect(seen.at(-1)!.progress.message).toMatch(/^50,000 rows → result-.*\.csv$/);
    // Once it ended, the same export may run again.
    expect((await call(core, 'sqlwb.export', input)).rows).toBe(50000);
  });

  it('stops an export through jobs.cancel and says it was cancelled', async () => {
    const r = await call(core, 'sqlwb.execute', { sql: 'SELECT range AS id, md5(range::VARCHAR) AS h FROM range(30000000)' });
    const cancel = core.events.subscribe((name, payload) => {
      const job = payload as Job;
      if (name === 'job.progressed' && job.key === 'sqlwb.export:exp-cancel-1' && job.state === 'running') {
        void core.dispatcher.dispatch('jobs.cancel', { id: job.id });
      }
    });
    const { seen, off } = follow('sqlwb.export:exp-cancel-1');
    const out = await core.dispatcher.dispatch('sqlwb.export', { resultId: r.resultId!, format: 'json', exportId: 'exp-cancel-1' });
    cancel();
    off();
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('CANCELLED');
    expect(seen.at(-1)?.state).toBe('cancelled');
    expect(core.downloads.get('exp-cancel-1')).toBeUndefined();
  }, 60_000);

  it('loads an upload as a sqlwb.import job and refuses a second load of it while the first runs', async () => {
    const csv = 'n,s\n' + Array.from({ length: 2000 }, (_, i) => `${i},row ${i}`).join('\n');
    await call(core, 'sqlwb.uploadChunk', {
      uploadId: 'up-job-1',
      fileName: 'rows.csv',
      chunk: Buffer.from(csv).toString('base64'),
      index: 0,
    });
    const { seen, off } = follow('sqlwb.import:up-job-1');
    const [a, b] = await Promise.all([
      core.dispatcher.dispatch('sqlwb.importLoad', { uploadId: 'up-job-1', table: 'rows_a' }),
      core.dispatcher.dispatch('sqlwb.importLoad', { uploadId: 'up-job-1', table: 'rows_b' }),
    ]);
    off();
    const refused = [a, b].find((x) => !x.ok);
    expect([a, b].filter((x) => x.ok)).toHaveLength(1);
    if (refused && !refused.ok)
      expect(refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('rows.csv is already being loaded') });
    expect(seen.at(-1)).toMatchObject({
      kind: 'sqlwb.import',
      state: 'succeeded',
      progress: { done: 100, total: 100, message: expect.stringMatching(/^2,000 rows into rows_[ab]$/) },
    });
  });
});

describe('sqlwb workspace, history and saved queries', () => {
  it('keeps tabs, history with duration and row count, and saved queries on disk', async () => {
    await call(core, 'sqlwb.saveWorkspace', {
      tabs: [{ id: 't1', title: 'Query 1', sql: 'SELECT 42', target: 'local' }],
      activeTabId: 't1',
    });
    await call(core, 'sqlwb.execute', { sql: 'SELECT 42 AS remembered' });
    await call(core, 'sqlwb.saveQuery', { name: 'Answer', sql: 'SELECT 42', target: 'local' });
    expect(existsSync(join(core.dir, 'sqlwb', 'workspace.json'))).toBe(true);
    const { WorkspaceStore } = await import('../../../../src/core/sqlwb/workspace-store');
    const reopened = new WorkspaceStore(join(core.dir, 'sqlwb'));
    expect(reopened.getWorkspace().tabs[0]!.sql).toBe('SELECT 42');
    const found = reopened.listHistory({ search: 'REMEMBERED', limit: 10, target: 'local' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rowCount: 1, error: null });
    expect(found[0]!.durationMs).toBeGreaterThan(0);
    expect(reopened.listHistory({ target: 'elsewhere', limit: 10 })).toHaveLength(0);
    expect(reopened.listSaved().map((q) => q.name)).toEqual(['Answer']);
  });

  it('records failed statements in history with their error', async () => {
    await failure(core, 'sqlwb.execute', { sql: 'SELECT * FROM no_such_table_here' });
    const [last] = await call(core, 'sqlwb.history', { search: 'no_such_table_here' });
    expect(last!.error).toMatch(/no_such_table_here/);
  });

  it('lists the local target and DuckDB functions for autocomplete', async () => {
    expect(await call(core, 'sqlwb.targets', {})).toEqual([expect.objectContaining({ id: 'local', kind: 'duckdb' })]);
    const fns = await call(core, 'sqlwb.functions', { target: 'local' });
    expect(fns.map((f) => f.name)).toEqual(expect.arrayContaining(['approx_count_distinct', 'date_trunc', 'regexp_matches']));
  });
});

describe('sqlwb export to the Downloads folder (desktop)', () => {
  it('picks a free name in the folder instead of overwriting', async () => {
    const { freeDownloadPath } = await import('../../../../src/core/sqlwb/exporter');
    const dir = mkdtempSync(join(tmpdir(), 'sqlwb-downloads-'));
    const first = freeDownloadPath('result.csv', dir);
    expect(first).toBe(join(dir, 'result.csv'));
    (await import('node:fs')).writeFileSync(first, 'x');
    expect(freeDownloadPath('result.csv', dir)).toBe(join(dir, 'result-1.csv'));
  });
});

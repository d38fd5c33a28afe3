import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { duckdbTarget, sqlTargets } from '../../../../src/core/engine/sql-target';
import { localWorkbench } from '../../../../src/core/sqlwb/local-workbench';

let engine: Engine;

beforeAll(async () => {
  engine = await Engine.open({ path: ':memory:', threads: 2 });
  await engine.run('CREATE TABLE bundled (x INTEGER); INSERT INTO bundled VALUES (1), (2); CREATE TABLE secret_notes (t VARCHAR)');
});

afterAll(() => {
  engine?.close();
});

describe('duckdbTarget: the local database (or a bundle sandbox) as a SqlTarget', () => {
  it('says there is no data when silver is missing, and runs a read-only statement capped in rows', async () => {
    const target = duckdbTarget(engine);
    expect(await target.extent()).toEqual({ minDate: null, maxDate: null, missing: true });
    const { sql, result } = await target.run('SELECT x FROM bundled ORDER BY x;', { maxRows: 1 });
    expect(sql).toBe('SELECT x FROM bundled ORDER BY x');
    expect(result.rows).toEqual([[1]]);
    expect(result.truncated).toBe(true);
    expect(target.dialect.quoteIdent('a"b')).toBe('"a""b"');
    expect(target.dialect.twin({ dashboardId: 'approval-overview', dataset: 'kpis' })).toBeUndefined();
  });

  it('refuses a write through its gate, and a bundle target refuses tables outside its bundle', async () => {
    const local = duckdbTarget(engine);
    await expect(local.run('DELETE FROM bundled')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(local.gate('SELECT nope FROM bundled')).rejects.toMatchObject({ code: 'SQL_ERROR' });
    const bundle = duckdbTarget(engine, {
      info: { kind: 'bundle', label: 'Bundle · test', place: 'the bundle "test"' },
      source: { origin: "This bundle's SQL", relations: ['bundled'] },
    });
    expect((await bundle.run('SELECT count(*) FROM bundled')).result.rows).toEqual([[2]]);
    await expect(bundle.run('SELECT * FROM secret_notes')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await bundle.catalog()).relations.map((r) => r.name)).toContain('bundled');
  });

  it("reads the app's one SELECT as typed columns (keys as strings), refuses a second statement, and checks a filter with parameters unplanned", async () => {
    const target = duckdbTarget(engine);
    const read = await target.columnar!(
      'SELECT CAST(x AS VARCHAR) AS id, CAST(x * 1.5 AS DOUBLE) AS v FROM bundled WHERE x >= $min ORDER BY x',
      {
        params: { min: 1 },
      },
    );
    expect(read.n).toBe(2);
    expect(read.keys).toEqual([['1', '2']]);
    expect([...read.doubles[0]!]).toEqual([1.5, 3]);
    expect((await target.columnar!("SELECT 'k' AS id, 2.0::DOUBLE AS v", { skipKeys: true })).keys).toEqual([]);
    await expect(target.columnar!('SELECT 1 AS id; DROP TABLE bundled')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(target.gate('SELECT * FROM bundled WHERE x = $tid', { plan: false })).resolves.toContain('$tid');
    await expect(target.gate('SELECT * FROM bundled WHERE no_such = 1', { plan: false })).rejects.toMatchObject({ code: 'SQL_ERROR' });
    expect(Number((await engine.query('SELECT count(*) FROM bundled')).rows[0]?.[0])).toBe(2);
  });

  it('reads one page of a statement and its total, with bound parameters, through the same gate', async () => {
    const local = duckdbTarget(engine);
    const page = await local.page('SELECT x FROM bundled WHERE x >= $low ORDER BY x DESC', { offset: 1, limit: 1 }, { params: { low: 1 } });
    expect(page.rows).toEqual([[1]]);
    expect(page.total).toBe(2);
    expect(page.offset).toBe(1);
    expect(page.columns.map((c) => c.name)).toEqual(['x']);
    await expect(local.page('DELETE FROM bundled', { offset: 0, limit: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const bundle = duckdbTarget(engine, {
      info: { kind: 'bundle', label: 'Bundle · test', place: 'the bundle "test"' },
      source: { relations: ['bundled'] },
    });
    await expect(bundle.page('SELECT * FROM secret_notes', { offset: 0, limit: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('resolves a request to the local database, or says when there are no warehouse connections', async () => {
    const targets = sqlTargets(engine);
    expect((await targets.resolve()).info.kind).toBe('local');
    expect(await targets.resolve(undefined)).toBe(targets.local);
    await expect(targets.resolve('some-profile')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it("gives the SQL page the local database's own statements (writes too), while someone else's SQL stays gated; a bundle has no SQL page side", async () => {
    const { local } = sqlTargets(engine, undefined, { workbench: localWorkbench(engine) });
    const signal = new AbortController().signal;
    const made = await local.workbench!.execute('CREATE TABLE page_made AS SELECT 7 AS n', undefined, 10, signal);
    expect(made.statementType).toBe('CREATE');
    const read = await local.workbench!.execute('SELECT n FROM page_made', undefined, 10, signal);
    expect(read.rows).toEqual([[7]]);
    expect(await read.handle!.count(signal)).toBe(1);
    await read.handle!.dispose();
    await expect(local.run('DROP TABLE page_made')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await local.catalog()).relations.map((r) => r.name)).toContain('page_made');
    const bundle = duckdbTarget(engine, { info: { kind: 'bundle', label: 'Bundle · test', place: 'the bundle "test"' } });
    expect(bundle.workbench).toBeUndefined();
  });
});

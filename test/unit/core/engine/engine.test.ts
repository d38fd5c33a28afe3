import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { AppError } from '../../../../src/shared/errors';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open({ path: ':memory:', threads: 2 });
  await engine.run(`CREATE TABLE payments AS SELECT range AS id, (range % 3)::INT AS grp, (range * 1.25)::DECIMAL(12,2) AS amount,
    TIMESTAMP '2024-01-01' + INTERVAL (range) MINUTE AS ts, range % 2 = 0 AS ok FROM range(50000)`);
});
afterAll(() => engine.close());

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the statement to fail');
}

describe('Engine.query', () => {
  it('returns typed columns and JSON-safe rows', async () => {
    const r = await engine.query("SELECT 42 AS answer, 12.50::DECIMAL(12,2) AS money, DATE '2024-03-01' AS d, NULL AS n");
    expect(r.columns).toEqual([
      { name: 'answer', type: 'INTEGER' },
      { name: 'money', type: 'DECIMAL(12,2)' },
      { name: 'd', type: 'DATE' },
      { name: 'n', type: 'INTEGER' },
    ]);
    expect(r.rows).toEqual([[42, 12.5, '2024-03-01', null]]);
    expect(r.truncated).toBe(false);
  });

  it('keeps 64-bit integers exact: numbers when safe, strings otherwise', async () => {
    const r = await engine.query('SELECT count(*) AS c, 9007199254740993::BIGINT AS big FROM payments');
    expect(r.rows[0]).toEqual([50000, '9007199254740993']);
  });

  it('caps the rows it reads and says the result was truncated', async () => {
    const r = await engine.query('SELECT * FROM payments', { maxRows: 100 });
    expect(r.rows).toHaveLength(100);
    expect(r.truncated).toBe(true);
    const exact = await engine.query('SELECT * FROM payments LIMIT 100', { maxRows: 100 });
    expect(exact.truncated).toBe(false);
  });

  it('binds named parameters', async () => {
    const r = await engine.query('SELECT count(*) FROM payments WHERE grp = $grp AND ok = $ok', { params: { grp: 1, ok: true } });
    expect(r.rows[0]?.[0]).toBe(8333);
  });

  it("reports a syntax error with DuckDB's message and where it is", async () => {
    const error = await failure(engine.query('SELECT id\nFROM payments\nWHER grp = 1'));
    expect(error.code).toBe('SQL_ERROR');
    expect(error.message).toMatch(/^Parser Error: syntax error at or near "grp"/);
    expect(error.position).toEqual({ line: 3, column: 6, offset: 29 });
  });

  it('points a binder error at the unknown column', async () => {
    const error = await failure(engine.query('SELECT nope FROM payments'));
    expect(error.message).toMatch(/Binder Error: Referenced column "nope" not found/);
    expect(error.position).toMatchObject({ line: 1, column: 8 });
  });

  it('stops a statement at its time limit and keeps working', async () => {
    const started = Date.now();
    const error = await failure(engine.query('SELECT count(*) FROM range(100000000000) a', { timeoutMs: 300 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/time limit of 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await engine.query('SELECT 1')).rows).toEqual([[1]]);
  });

  it('cancels a running statement when its signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await failure(engine.query('SELECT count(*) FROM range(100000000000) a', { signal: controller.signal }));
    expect(error.code).toBe('CANCELLED');
  });
});

describe('Engine.page', () => {
  it('reads any page of a large result with the total', async () => {
    const p = await engine.page('SELECT id FROM payments ORDER BY id;', { offset: 49990, limit: 20, withTotal: true });
    expect(p.rows.map((r) => r[0])).toEqual([49990, 49991, 49992, 49993, 49994, 49995, 49996, 49997, 49998, 49999]);
    expect(p.total).toBe(50000);
  });

  it("survives a trailing line comment in the user's SQL", async () => {
    const p = await engine.page('SELECT 1 AS x -- the answer', { offset: 0, limit: 5 });
    expect(p.rows).toEqual([[1]]);
  });
});

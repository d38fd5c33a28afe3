import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../../src/server/http-server';
import { methods } from '../../../../src/shared/api';
import type { ApiResult } from '../../../../src/shared/errors';
import { httpCaller } from '../../../support/http-caller';
import { createTestCore } from '../../../support/test-core';

type Caller = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

interface ContractCase {
  name: string;
  method: string;
  input: unknown;
  expect: (result: ApiResult<unknown>) => void;
}

const cases: ContractCase[] = [
  {
    name: 'runs SELECT 42',
    method: 'engine.query',
    input: { sql: 'SELECT 42 AS answer' },
    expect: (r) =>
      expect(r).toMatchObject({ ok: true, data: { columns: [{ name: 'answer', type: 'INTEGER' }], rows: [[42]], truncated: false } }),
  },
  {
    name: 'answers invalid SQL with SQL_ERROR and a position',
    method: 'engine.query',
    input: { sql: 'SELECT FROM WHERE' },
    expect: (r) => expect(r).toMatchObject({ ok: false, error: { code: 'SQL_ERROR', position: { line: 1 } } }),
  },
  {
    name: 'answers a statement past its time limit with TIMEOUT',
    method: 'engine.query',
    input: { sql: 'SELECT count(*) FROM range(100000000000)', timeoutMs: 200 },
    expect: (r) => expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } }),
  },
  {
    name: 'refuses an unknown method with UNKNOWN_METHOD',
    method: 'engine.explode',
    input: {},
    expect: (r) => expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } }),
  },
  {
    name: 'refuses a wrong input shape with INVALID_INPUT naming the field',
    method: 'engine.query',
    input: { sql: 42 },
    expect: (r) => {
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!r.ok) expect(r.error.message).toMatch(/sql/);
    },
  },
  {
    name: 'refuses unexpected fields',
    method: 'engine.query',
    input: { sql: 'SELECT 1', drop: true },
    expect: (r) => expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } }),
  },
  {
    name: 'reports what is running',
    method: 'app.info',
    input: {},
    expect: (r) =>
      expect(r).toMatchObject({ ok: true, data: { name: 'Medallion Workbench', duckdbVersion: expect.stringMatching(/^v1\./) } }),
  },
  {
    name: 'lists the catalog',
    method: 'engine.catalog',
    input: {},
    expect: (r) =>
      expect(r).toMatchObject({
        ok: true,
        data: { relations: expect.arrayContaining([expect.objectContaining({ name: 'contract_table', kind: 'table' })]) },
      }),
  },
];

let core: Awaited<ReturnType<typeof createTestCore>>;
let server: RunningServer;

beforeAll(async () => {
  core = await createTestCore();
  await core.engine.run('CREATE TABLE contract_table AS SELECT 1 AS a');
  server = await startServer({ core, token: 'contract-token' });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

const transports: Record<string, () => Caller> = {
  'in process': () => (method, input) => core.dispatcher.dispatch(method, input),
  'over HTTP': () => httpCaller(`http://127.0.0.1:${server.port}`, server.token),
};

for (const [transport, caller] of Object.entries(transports)) {
  describe(`API contract ${transport}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const result = await caller()(c.method, c.input);
        c.expect(result);
        if (result.ok && c.method in methods) {
          // Outputs always satisfy the contract's output schema.
          expect(methods[c.method as keyof typeof methods].output.safeParse(result.data).success).toBe(true);
        }
      });
    }
  });
}

describe('cancellation', () => {
  it('app.cancel stops a running call by its id, over HTTP too', async () => {
    const call = httpCaller(`http://127.0.0.1:${server.port}`, server.token);
    const running = call('engine.query', { sql: 'SELECT count(*) FROM range(100000000000)' }, { 'x-call-id': 'long-one' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await call('app.cancel', { callId: 'long-one' })).toEqual({ ok: true, data: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../../src/server/http-server';
import { ERROR_CODES } from '../../../../src/shared/errors';
import { methods } from '../../../../src/shared/api';
import { httpCaller } from '../../../support/http-caller';
import { createTestCore } from '../../../support/test-core';

let core: Awaited<ReturnType<typeof createTestCore>>;
let server: RunningServer;

beforeAll(async () => {
  core = await createTestCore();
  server = await startServer({ core });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

const names = Object.keys(methods);
const anyInput = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.constantFrom(null, undefined, [], '', 0, { sql: '' }, { sql: 42 }, { profileId: null }),
);
const anyName = fc.oneof(
  fc.constantFrom(...names),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'app.info.x'),
);

/** What every call must end in: a result, or an error with a known code and a message. Never a crash. */
function wellFormed(result: unknown): boolean {
  if (!result || typeof result !== 'object' || !('ok' in result)) return false;
  const r = result as { ok: boolean; error?: { code: string; message: string } };
  if (r.ok) return true;
  return (
    (ERROR_CODES as readonly string[]).includes(r.error?.code ?? '') && typeof r.error?.message === 'string' && r.error.message.length > 0
  );
}

describe('API contract under random input', () => {
  it('answers every method with a result or a typed error, in process', async () => {
    await fc.assert(
      fc.asyncProperty(anyName, anyInput, async (name, input) => {
        const result = await Promise.race([
          core.dispatcher.dispatch(name, input),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} hung`)), 10_000)),
        ]);
        expect(wellFormed(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('answers every method with a result or a typed error, over HTTP', async () => {
    const call = httpCaller(`http://127.0.0.1:${server.port}`, server.token);
    await fc.assert(
      fc.asyncProperty(anyName, anyInput, async (name, input) => {
        expect(wellFormed(await call(name, input ?? {}))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('still answers normally afterwards', async () => {
    expect(await core.dispatcher.dispatch('engine.query', { sql: 'SELECT 1 AS one' })).toMatchObject({ ok: true, data: { rows: [[1]] } });
  });
});

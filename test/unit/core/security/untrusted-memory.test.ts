import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { untrustedMemoryLimitFromEnv } from '../../../../src/core/engine/memory-guard';
import { runUntrustedSql } from '../../../../src/core/security/untrusted-sql';
import { AppError } from '../../../../src/shared/errors';

const MB = 1024 * 1024;
let engine: Engine;

beforeAll(async () => {
  engine = await Engine.open({ path: ':memory:', threads: 2, memoryLimit: '1GB', untrustedMemoryLimit: 64 * MB });
});

afterAll(() => engine?.close());

/** A list aggregate over 300M rows: gigabytes of buffer memory, far past the engine's 1 GB. */
const HUNGRY = 'SELECT len(list(i)) AS n FROM range(300000000) t(i)';
/** The app's own statement at the same time: a 2M-group hash aggregate (tens of MB). */
const TRUSTED = 'SELECT count(*) AS groups FROM (SELECT i % 2000000 AS k, count(*) AS c FROM range(6000000) t(i) GROUP BY k)';

describe('a memory limit per untrusted statement', () => {
  it('stops a memory-hungry untrusted query with an error naming the limit, while a concurrent trusted query completes', async () => {
    const started = Date.now();
    const [untrusted, trusted] = await Promise.allSettled([runUntrustedSql(engine, HUNGRY), engine.query(TRUSTED, { timeoutMs: 60_000 })]);
    expect(untrusted.status).toBe('rejected');
    const error = (untrusted as PromiseRejectedResult).reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('SQL_ERROR');
    expect(error.message).toMatch(/more than 64 MiB, the memory limit of one untrusted statement/);
    expect(error.details).toEqual({ limit: 'memory', limitBytes: 64 * MB });
    expect(trusted).toMatchObject({ status: 'fulfilled', value: { rows: [[2_000_000]] } });
    // Stopped near 64 MB, not after filling the 1 GB instance (that took 15 s and failed the trusted query too).
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 90_000);

  it('runs the next untrusted query, and one that stays under the limit', async () => {
    expect((await runUntrustedSql(engine, 'SELECT 42 AS answer')).rows).toEqual([[42]]);
    expect((await runUntrustedSql(engine, 'SELECT len(list(i)) AS n FROM range(1000000) t(i)')).rows).toEqual([[1_000_000]]);
  }, 60_000);

  it('takes its limit from MEDALLION_UNTRUSTED_MEMORY_LIMIT, refusing what is not a size', () => {
    expect(untrustedMemoryLimitFromEnv({ MEDALLION_UNTRUSTED_MEMORY_LIMIT: '64MiB' })).toBe(64 * MB);
    expect(untrustedMemoryLimitFromEnv({ MEDALLION_UNTRUSTED_MEMORY_LIMIT: '1GB' })).toBe(1e9);
    expect(untrustedMemoryLimitFromEnv({ MEDALLION_UNTRUSTED_MEMORY_LIMIT: 'lots' })).toBeUndefined();
    expect(untrustedMemoryLimitFromEnv({})).toBeUndefined();
  });
});

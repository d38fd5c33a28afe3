import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsBytes } from '../../../../src/core/engine/js-bytes';
import { runQuery } from '../../../../src/core/warehouse/run-statement';
import { createTestCore } from '../../../support/test-core';
import { startSeededWarehouse, type WarehouseTestContext } from '../../../support/warehouse-fixture';

let core: Awaited<ReturnType<typeof createTestCore>>;
let wh: WarehouseTestContext;
let profileId: string;

beforeAll(async () => {
  core = await createTestCore();
  wh = await startSeededWarehouse(core.dir, { rows: 10 });
  profileId = await wh.addProfile(core);
});
afterAll(async () => {
  await core?.dispose();
  await wh?.emulator.close();
});

/** 3,000 rows, each a list of 1,000 strings: about 200 MB once converted, far under the row cap. */
const NESTED = "SELECT i, list_transform(range(1000), x -> 'value-' || x) AS tags FROM range(3000) t(i)";
const BUDGET = 2 * 1024 * 1024;

describe('a byte budget on warehouse results (real driver, emulator)', () => {
  it('stops a result of nested rows at the budget, flags it truncated, and keeps the rows it returns whole', async () => {
    const r = await core.warehouse.withSession(profileId, (session) => runQuery(session, NESTED, { maxRows: 5000, maxBytes: BUDGET }));
    expect(r.truncated).toBe(true);
    expect(r.rowCount).toBeGreaterThan(10);
    expect(r.rowCount).toBeLessThan(3000);
    expect(jsBytes(r.rows)).toBeLessThanOrEqual(BUDGET * 1.1);
    const first = r.rows[0]![1] as string[];
    expect(first).toHaveLength(1000);
    expect(first[999]).toBe('value-999');
  }, 60_000);

  it('leaves a result under the budget untouched', async () => {
    const sql = 'SELECT i, [i, i + 1] AS pair FROM range(500) t(i)';
    const r = await core.warehouse.withSession(profileId, (session) => runQuery(session, sql, { maxRows: 5000, maxBytes: BUDGET }));
    expect(r.truncated).toBe(false);
    expect(r.rowCount).toBe(500);
    expect(r.rows[499]).toEqual([499, [499, 500]]);
  }, 60_000);
});

describe('jsBytes', () => {
  it('counts nested lists, structs, maps and strings and stops walking past the limit', () => {
    expect(jsBytes('abcd')).toBe(16 + 8);
    expect(jsBytes([1, [2, 3]])).toBe(16 + 16 + (16 + 32));
    expect(jsBytes({ ab: 'x' })).toBe(16 + 4 + 18);
    expect(jsBytes(new Map([['k', 1]]))).toBe(16 + 18 + 16);
    const huge = Array.from({ length: 100_000 }, () => 'x'.repeat(100));
    expect(jsBytes(huge, 1000)).toBeLessThan(2000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../support/test-core';
import { call, failure } from '../../../support/core-calls';

let core: Awaited<ReturnType<typeof createTestCore>>;

beforeAll(async () => {
  core = await createTestCore();
  await core.engine.run(`CREATE SCHEMA staging`);
  await core.engine.run(
    `CREATE TABLE staging."Odd ""name"" table" AS
     SELECT range AS id,
            CASE WHEN range % 10 = 0 THEN NULL ELSE (range % 100) * 1.5 END AS "Amount USD",
            ['Visa', 'Visa', 'Mastercard', 'Elo'][range % 4 + 1] AS card_network,
            TIMESTAMP '2026-01-01' + INTERVAL (range) MINUTE AS event_timestamp,
            DATE '2026-01-01' + CAST(range % 30 AS INTEGER) AS event_date,
            [range, range + 1] AS pair
     FROM range(1000)`,
  );
  await core.engine.run(`CREATE VIEW staging.v_visa AS SELECT * FROM staging."Odd ""name"" table" WHERE card_network = 'Visa'`);
});
afterAll(async () => {
  await core.dispose();
});

const ref = { schema: 'staging', relation: 'Odd "name" table' };

describe('sqlwb.profile (schema browser column profile)', () => {
  it('profiles a numeric column with nulls, min/max and a 20-bin histogram that covers every value', async () => {
    const p = await call(core, 'sqlwb.profile', { ...ref, column: 'Amount USD' });
    expect(p.kind).toBe('numeric');
    expect(p.total).toBe(1000);
    expect(p.nulls).toBe(100);
    expect(Number(p.min)).toBe(1.5);
    expect(Number(p.max)).toBe(148.5);
    expect(p.histogram).toHaveLength(20);
    expect(p.histogram!.reduce((n, b) => n + b.count, 0)).toBe(900);
    expect(p.topValues).toBeNull();
  });

  it('gives top values with counts for a text column', async () => {
    const p = await call(core, 'sqlwb.profile', { ...ref, column: 'card_network' });
    expect(p.kind).toBe('category');
    expect(p.distinct).toBe(3);
    expect(p.topValues).toEqual([
      { value: 'Visa', count: 500 },
      { value: 'Elo', count: 250 },
      { value: 'Mastercard', count: 250 },
    ]);
    expect(p.histogram).toBeNull();
  });

  it('gives time columns a histogram in epoch seconds, and profiles views', async () => {
    const p = await call(core, 'sqlwb.profile', { ...ref, column: 'event_timestamp' });
    expect(p.kind).toBe('time');
    expect(p.histogram![0]!.from).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(p.histogram!.reduce((n, b) => n + b.count, 0)).toBe(1000);
    const d = await call(core, 'sqlwb.profile', { ...ref, column: 'event_date' });
    expect(d.kind).toBe('time');
    const v = await call(core, 'sqlwb.profile', { schema: 'staging', relation: 'v_visa', column: 'card_network' });
    expect(v.total).toBe(500);
    expect(v.topValues).toEqual([{ value: 'Visa', count: 500 }]);
  });

  it('counts nested columns without a histogram', async () => {
    const p = await call(core, 'sqlwb.profile', { ...ref, column: 'pair' });
    expect(p.kind).toBe('other');
    expect(p.total).toBe(1000);
    expect(p.nulls).toBe(0);
  });

  it('only profiles columns the catalog has: names are looked up, never pasted into SQL', async () => {
    const injected = await failure(core, 'sqlwb.profile', {
      schema: 'staging',
      relation: 'v_visa',
      column: 'card_network" FROM duckdb_settings() --',
    });
    expect(injected.code).toBe('NOT_FOUND');
    const missing = await failure(core, 'sqlwb.profile', { schema: 'main', relation: 'nope', column: 'id' });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no column "id" in main\.nope/);
  });
});

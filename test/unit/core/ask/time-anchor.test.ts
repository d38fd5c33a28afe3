import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarStart, type CalendarUnit } from '../../../../src/core/ask/time-anchor';
import { Engine } from '../../../../src/core/engine/engine';

/** The literal calendar starts the builder writes must be DuckDB's own date_trunc, on every day of three years. */
describe('Ask time anchor: calendar starts as DuckDB computes them', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:' });
  });
  afterAll(() => engine.close());

  it('matches date_trunc and date_trunc minus one unit for week, month, quarter and year', async () => {
    const { rows } = await engine.query(
      `SELECT CAST(d AS DATE)::VARCHAR,
         CAST(date_trunc('week', d) AS DATE)::VARCHAR, CAST(date_trunc('week', d) - INTERVAL 7 DAY AS DATE)::VARCHAR,
         CAST(date_trunc('month', d) AS DATE)::VARCHAR, CAST(date_trunc('month', d) - INTERVAL 1 MONTH AS DATE)::VARCHAR,
         CAST(date_trunc('quarter', d) AS DATE)::VARCHAR, CAST(date_trunc('quarter', d) - INTERVAL 3 MONTH AS DATE)::VARCHAR,
         CAST(date_trunc('year', d) AS DATE)::VARCHAR, CAST(date_trunc('year', d) - INTERVAL 1 YEAR AS DATE)::VARCHAR
       FROM range(DATE '2025-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(d)`,
      { maxRows: 2000 },
    );
    expect(rows.length).toBe(1095);
    const units: CalendarUnit[] = ['week', 'month', 'quarter', 'year'];
    for (const row of rows) {
      const day = String(row[0]);
      const ours = units.flatMap((u) => [calendarStart(day, u), calendarStart(day, u, 1)]);
      expect(ours, day).toEqual(row.slice(1).map(String));
    }
  });
});

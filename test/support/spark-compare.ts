// Compares a result from the Spark warehouse with the local DuckDB result of the same question, as a
// user reads them: numbers to the cent (DECIMAL text and DOUBLE alike), timestamps to the millisecond
// (the driver's row objects carry milliseconds), rows in any order unless the order is the point.
import { expect } from 'vitest';

const NUMERIC = /^-?\d+(\.\d+)?$/u;
const MICROS = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}\.\d{3})\d+$/u;

const asNumber = (v: unknown) => (typeof v === 'string' && NUMERIC.test(v) ? Number(v) : typeof v === 'bigint' ? Number(v) : v);
const toMillis = (v: unknown) => (typeof v === 'string' ? v.replace(MICROS, '$1') : v);

/** One row with numbers as numbers rounded to the cent and millisecond timestamps. */
function normalRow(row: unknown[]): unknown[] {
  return row.map((c) => {
    const n = asNumber(c);
    return typeof n === 'number' ? Math.round(n * 100) / 100 : toMillis(n);
  });
}

/** The rows in a canonical order (their normalised text), for engines that order ties or ENUMs differently. */
export function bySet(rows: unknown[][]): unknown[][] {
  const keyed = rows.map((r, i) => ({ r, k: `${JSON.stringify(normalRow(r))}#${i}` }));
  return keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((x) => x.r);
}

/** True when both results list the same rows in the same order (to the cent). */
export function sameOrder(remote: unknown[][], local: unknown[][]): boolean {
  return JSON.stringify(remote.map(normalRow)) === JSON.stringify(local.map(normalRow));
}

/** Asserts equal rows cell by cell: numbers within `tolerance` (half a cent by default), everything else equal. */
export function expectSameRows(remote: unknown[][], local: unknown[][], label: string, tolerance = 0.005): void {
  expect(remote.length, `${label}: row count`).toBe(local.length);
  remote.forEach((row, i) =>
    row.forEach((cell, j) => {
      const [a, b] = [asNumber(cell), asNumber(local[i]![j])];
      if (typeof a === 'number' && typeof b === 'number') {
        expect(Math.abs(a - b), `${label} row ${i} col ${j}: ${a} on Spark vs ${b} locally`).toBeLessThan(tolerance);
      } else {
        expect(toMillis(a), `${label} row ${i} col ${j}`).toEqual(toMillis(b));
      }
    }),
  );
}

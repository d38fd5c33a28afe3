import type { Cell } from '../../../src/shared/api';

/** One evaluation question: reference SQL, or an expectation (no_sql, no_write). */
export interface EvalQuestion {
  q: string;
  sql?: string;
  ordered?: boolean;
  expect?: 'no_sql' | 'no_write';
  note?: string;
  /** Follow-ups are asked after these questions in the same conversation. */
  after?: string[];
}

const normaliseCell = (c: Cell): string => {
  if (c === null || c === undefined) return 'null';
  if (typeof c === 'number') return c.toFixed(2);
  if (typeof c === 'boolean') return String(c);
  const n = Number(c);
  if (typeof c === 'string' && c.trim() !== '' && Number.isFinite(n) && !/^\d{4}-\d{2}-\d{2}/.test(c)) return n.toFixed(2);
  return String(c);
};

function sameCell(a: Cell, b: Cell): boolean {
  const na = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' && !/^\d{4}-/.test(a) ? Number(a) : NaN;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' && !/^\d{4}-/.test(b) ? Number(b) : NaN;
  if (Number.isFinite(na) && Number.isFinite(nb)) return Math.abs(na - nb) <= 0.01 + 1e-9;
  return normaliseCell(a) === normaliseCell(b);
}

const key = (row: Cell[]) => row.map(normaliseCell).join('|');
const sorted = (rows: Cell[][]) => [...rows].sort((x, y) => key(x).localeCompare(key(y)));
const sameRows = (a: Cell[][], b: Cell[][]) => a.every((row, i) => row.every((cell, j) => sameCell(cell, b[i]?.[j] ?? null)));

/**
 * Result sets match when they have the same shape and the same rows (numbers within 0.01),
 * in the same order only when the question orders. An ordered result is compared by its
 * sort key (the last column): rows that tie may come in any order, and the tie group a
 * LIMIT cuts through may hold any of the tied rows, since neither SQL decides between them.
 */
export function sameResult(got: Cell[][], want: Cell[][], ordered: boolean): boolean {
  if (got.length !== want.length) return false;
  if (got.length > 0 && got[0]?.length !== want[0]?.length) return false;
  if (!ordered) return sameRows(sorted(got), sorted(want));
  const last = (row: Cell[] | undefined) => row?.[row.length - 1] ?? null;
  if (!got.every((row, i) => sameCell(last(row), last(want[i])))) return false;
  const groups = (rows: Cell[][]) => {
    const out: Cell[][][] = [];
    for (const row of rows) {
      const g = out[out.length - 1];
      if (g && sameCell(last(g[0]), last(row))) g.push(row);
      else out.push([row]);
    }
    return out;
  };
  const a = groups(got);
  const b = groups(want);
  return a.every((g, i) => i === a.length - 1 || sameRows(sorted(g), sorted(b[i] ?? [])));
}

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
  // A day is the same whether it comes as a DATE or as that day's midnight TIMESTAMP.
  return String(c).replace(/^(\d{4}-\d{2}-\d{2})[ T]00:00:00(?:\.0+)?$/, '$1');
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

/** A question of the shared sets (`dev.json`, `dev2.json`) and their scoring keys. */
export interface SharedQuestion {
  q: string;
  sql: string | null;
  cat?: string;
  ordered?: boolean;
  first_row?: boolean;
  tolerance?: number;
  expect?: 'no_sql' | 'no_write';
  after?: string[];
}

const asNumber = (c: Cell): number =>
  typeof c === 'number' ? c : typeof c === 'string' && c.trim() !== '' && !/^\d{4}-\d{2}-\d{2}/.test(c) ? Number(c) : NaN;

function closeCell(a: Cell, b: Cell, tolerance: number): boolean {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return Math.abs(na - nb) <= Math.max(0.011, tolerance * Math.abs(nb)) + 1e-9;
  return normaliseCell(a) === normaliseCell(b);
}

const isLabel = (values: Cell[]) => values.every((v) => v === null || typeof v === 'boolean' || v === 'true' || v === 'false');

function sameColumn(got: Cell[], want: Cell[], ordered: boolean, tolerance: number): boolean {
  if (got.length !== want.length) return false;
  if (ordered) return got.every((c, i) => closeCell(c, want[i] ?? null, tolerance));
  // As multisets: numbers sorted and compared pairwise (greedy matching within a tolerance can pair the wrong values), labels sorted.
  const numeric = (col: Cell[]) => col.every((c) => Number.isFinite(asNumber(c)));
  if (numeric(got) && numeric(want)) {
    const a = got.map(asNumber).sort((x, y) => x - y);
    const b = want.map(asNumber).sort((x, y) => x - y);
    return a.every((x, i) => closeCell(x, b[i] ?? null, tolerance));
  }
  const a = got.map(normaliseCell).sort();
  const b = want.map(normaliseCell).sort();
  return a.every((x, i) => x === b[i]);
}

/**
 * The shared sets' rule (questions/README.md): every reference column equals some answer column,
 * as a multiset (in order when `ordered`), numbers within 0.011 or the tolerance; true/false/null
 * label columns need not match; `first_row` compares the answer's first row with the reference's only row.
 */
export function scoreShared(got: Cell[][], want: Cell[][], keys: Pick<SharedQuestion, 'ordered' | 'first_row' | 'tolerance'>): boolean {
  const rows = keys.first_row ? got.slice(0, 1) : got;
  if (rows.length !== want.length) return false;
  const width = want[0]?.length ?? 0;
  const gotCols = (rows[0] ?? []).map((_, j) => rows.map((r) => r[j] ?? null));
  const used = new Set<number>();
  for (let j = 0; j < width; j++) {
    const column = want.map((r) => r[j] ?? null);
    if (isLabel(column)) continue;
    const k = gotCols.findIndex((g, i) => !used.has(i) && sameColumn(g, column, Boolean(keys.ordered), keys.tolerance ?? 0));
    if (k < 0) return false;
    used.add(k);
  }
  return true;
}

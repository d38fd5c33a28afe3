// Compares the rows of a relation from two engines (local DuckDB and Spark) as a user would read
// them: same columns, same rows in any order, whole numbers exact, rounded figures within one unit
// of their last rounded digit (a cent for money, 0.01 for percentages).
export type Cell = string | number | boolean | null;

function normalise(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const ts = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d*?)0*$/u.exec(v);
    if (ts) return `${ts[1]} ${ts[2]}${ts[3] && ts[3] !== '.' ? ts[3] : ''}`;
    return v;
  }
  return v as Cell;
}

const isFraction = (v: Cell) => typeof v === 'number' && !Number.isInteger(v);

/** A row's identity: its cells that are not fractional numbers. */
function key(row: Cell[], fractional: boolean[]): string {
  return JSON.stringify(row.map((v, i) => (fractional[i] ? null : v)));
}

/** Differences between two row sets of the same relation, empty when they agree. */
export function diffRows(name: string, local: unknown[][], remote: unknown[][], tolerance: (column: number) => number): string[] {
  const a = local.map((r) => r.map(normalise));
  const b = remote.map((r) => r.map(normalise));
  if (a.length !== b.length) return [`${name}: ${a.length} rows locally, ${b.length} on Spark`];
  const width = a[0]?.length ?? 0;
  const fractional = Array.from({ length: width }, (_, i) => a.some((r) => isFraction(r[i]!)) || b.some((r) => isFraction(r[i]!)));
  const sort = (rows: Cell[][]) => [...rows].sort((x, y) => key(x, fractional).localeCompare(key(y, fractional)));
  const [sa, sb] = [sort(a), sort(b)];
  const out: string[] = [];
  sa.forEach((row, r) => {
    row.forEach((v, c) => {
      const w = sb[r]![c]!;
      const same = typeof v === 'number' && typeof w === 'number' ? Math.abs(v - w) <= tolerance(c) + 1e-9 : v === w;
      if (!same) out.push(`${name} row ${key(row, fractional)} column ${c}: ${JSON.stringify(v)} locally, ${JSON.stringify(w)} on Spark`);
    });
  });
  return out.slice(0, 10);
}

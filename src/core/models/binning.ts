import type { BinnedData } from './gbdt';

export const MAX_BINS = 64;

/**
 * Quantile bins for numeric features (at most MAX_BINS), one bin per category or boolean.
 * `upper[b]` is the raw value threshold of bin b, so trees split on raw values at predict time.
 */
export function binColumns(
  columns: readonly Float64Array[],
  kinds: readonly ('numeric' | 'discrete')[],
  discreteCount: readonly number[],
  rows: Uint32Array,
  label: Int32Array,
): BinnedData {
  const n = rows.length;
  const bins: Uint8Array[] = [];
  const binCount: number[] = [];
  const upper: Float64Array[] = [];
  columns.forEach((col, j) => {
    const out = new Uint8Array(n);
    if (kinds[j] === 'discrete') {
      const k = Math.max(2, discreteCount[j]!);
      for (let r = 0; r < n; r++) out[r] = col[rows[r]!]!;
      bins.push(out);
      binCount.push(k);
      upper.push(Float64Array.from({ length: k }, (_, b) => b));
      return;
    }
    const edges = quantileEdges(col, rows);
    for (let r = 0; r < n; r++) out[r] = findBin(edges, col[rows[r]!]!);
    bins.push(out);
    binCount.push(edges.length + 1);
    upper.push(Float64Array.from([...edges, Infinity]));
  });
  const lab = new Int32Array(n);
  for (let r = 0; r < n; r++) lab[r] = label[rows[r]!]!;
  return { n, bins, binCount, upper, label: lab };
}

/** Distinct quantile cut points from a sample of at most 100,000 values. */
function quantileEdges(col: Float64Array, rows: Uint32Array): number[] {
  const step = Math.max(1, Math.floor(rows.length / 100_000));
  const sample = new Float64Array(Math.ceil(rows.length / step));
  for (let r = 0, s = 0; r < rows.length; r += step) sample[s++] = col[rows[r]!]!;
  sample.sort();
  const edges: number[] = [];
  for (let q = 1; q < MAX_BINS; q++) {
    const v = sample[Math.floor((q * (sample.length - 1)) / MAX_BINS)];
    if (v !== undefined && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  // A split at the maximum sends everything left; drop it.
  if (edges.length && edges[edges.length - 1] === sample[sample.length - 1]) edges.pop();
  return edges;
}

function findBin(edges: number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Histogram gradient-boosted trees on typed arrays (binary log-loss and multiclass softmax).
 * Written here because no maintained npm library trains fast enough on 1M rows: see
 * docs/models.md for the measurement. Inputs are pre-binned (Uint8 bins per feature).
 */

export interface BoostParams {
  rounds: number;
  learningRate: number;
  maxDepth: number;
  minChildWeight: number;
  lambda: number;
  /** Rows sampled (without replacement) for each round: stochastic gradient boosting. */
  rowsPerRound: number;
  seed: number;
}

/** A trained tree in flat arrays; leaves have feature -1. Node values are in raw-score units. */
export interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export interface BoostedModel {
  classes: number;
  /** Initial raw score per output (log-odds or log-priors). */
  base: number[];
  /** trees[round * outputs + k]: outputs is 1 for binary, `classes` for multiclass. */
  trees: FlatTree[];
  outputs: number;
}

export interface BinnedData {
  n: number;
  bins: Uint8Array[];
  binCount: number[];
  /** Raw-value threshold for "bin <= b goes left", per feature and bin. */
  upper: Float64Array[];
  label: Int32Array;
}

export type ProgressFn = (round: number, rounds: number) => void | Promise<void>;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Trains a boosted model; `progress` is awaited each round so the caller can yield and cancel. */
export async function trainBoosted(data: BinnedData, classes: number, params: BoostParams, progress?: ProgressFn): Promise<BoostedModel> {
  const n = data.n;
  const outputs = classes === 2 ? 1 : classes;
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) counts[data.label[i]!]!++;
  const base: number[] = [];
  if (outputs === 1) {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, counts[1]! / n));
    base.push(Math.log(p / (1 - p)));
  } else {
    for (let k = 0; k < classes; k++) base.push(Math.log(Math.max(1e-6, counts[k]! / n)));
  }
  const score = new Float64Array(n * outputs);
  for (let i = 0; i < n; i++) for (let k = 0; k < outputs; k++) score[i * outputs + k] = base[k]!;
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rand = rng(params.seed);
  const sampleSize = Math.min(n, params.rowsPerRound);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const trees: FlatTree[] = [];
  const prob = new Float64Array(outputs === 1 ? 1 : classes);

  for (let round = 0; round < params.rounds; round++) {
    // Partial Fisher-Yates: the first sampleSize entries are a uniform sample without replacement.
    for (let i = 0; i < sampleSize && sampleSize < n; i++) {
      const j = i + Math.floor(rand() * (n - i));
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
    }
    const rows = all.slice(0, sampleSize);
    for (let k = 0; k < outputs; k++) {
      for (let r = 0; r < sampleSize; r++) {
        const i = rows[r]!;
        if (outputs === 1) {
          const p = 1 / (1 + Math.exp(-score[i]!));
          grad[i] = p - (data.label[i] === 1 ? 1 : 0);
          hess[i] = Math.max(p * (1 - p), 1e-12);
        } else {
          softmax(score, i * outputs, outputs, prob);
          const p = prob[k]!;
          grad[i] = p - (data.label[i] === k ? 1 : 0);
          hess[i] = Math.max(p * (1 - p), 1e-12);
        }
      }
      const tree = growTree(data, rows.slice(), grad, hess, params);
      trees.push(tree);
      const sb = splitBins.get(tree)!;
      // Update every row's score, not only the sampled ones, so the next gradients are exact.
      for (let i = 0; i < n; i++) score[i * outputs + k] = score[i * outputs + k]! + leafValueBinned(tree, sb, data.bins, i);
    }
    if (progress) await progress(round + 1, params.rounds);
  }
  return { classes, base, trees, outputs };
}

function softmax(score: Float64Array, offset: number, k: number, out: Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, score[offset + j]!);
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp(score[offset + j]! - max);
    out[j] = e;
    sum += e;
  }
  for (let j = 0; j < k; j++) out[j] = out[j]! / sum;
}

/** Bin index of the split threshold per node, kept only while training. */
const splitBins = new WeakMap<FlatTree, Int32Array>();

function leafValueBinned(tree: FlatTree, sb: Int32Array, bins: Uint8Array[], i: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node = bins[tree.feature[node]!]![i]! <= sb[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

/** Gradient and hessian sums per (feature, bin), interleaved: [g0, h0, g1, h1, …]. */
type Hist = Float64Array;

function growTree(data: BinnedData, rows: Uint32Array, grad: Float64Array, hess: Float64Array, p: BoostParams): FlatTree {
  const f = data.bins.length;
  const offsets: number[] = [];
  let total = 0;
  for (let j = 0; j < f; j++) {
    offsets.push(total);
    total += data.binCount[j]!;
  }
  const feature: number[] = [];
  const threshold: number[] = [];
  const bin: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];

  const build = (start: number, end: number): Hist => {
    const gh = new Float64Array(total * 2);
    const m = end - start;
    const g = new Float64Array(m);
    const h = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      g[r] = grad[rows[start + r]!]!;
      h[r] = hess[rows[start + r]!]!;
    }
    for (let j = 0; j < f; j++) {
      const col = data.bins[j]!;
      const o = offsets[j]! * 2;
      for (let r = 0; r < m; r++) {
        const b = o + col[rows[start + r]!]! * 2;
        gh[b] = gh[b]! + g[r]!;
        gh[b + 1] = gh[b + 1]! + h[r]!;
      }
    }
    return gh;
  };

  const addNode = (G: number, H: number): number => {
    feature.push(-1);
    threshold.push(0);
    bin.push(0);
    left.push(-1);
    right.push(-1);
    value.push((-G / (H + p.lambda)) * p.learningRate);
    return feature.length - 1;
  };

  const split = (node: number, start: number, end: number, hist: Hist, G: number, H: number, depth: number): void => {
    if (depth >= p.maxDepth || end - start < 2) return;
    const parentGain = (G * G) / (H + p.lambda);
    let best = 0;
    let bestF = -1;
    let bestB = -1;
    let bestGL = 0;
    let bestHL = 0;
    for (let j = 0; j < f; j++) {
      const o = offsets[j]!;
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < data.binCount[j]! - 1; b++) {
        gl += hist[(o + b) * 2]!;
        hl += hist[(o + b) * 2 + 1]!;
        const hr = H - hl;
        if (hl < p.minChildWeight || hr < p.minChildWeight) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + p.lambda) + (gr * gr) / (hr + p.lambda) - parentGain;
        if (gain > best) {
          best = gain;
          bestF = j;
          bestB = b;
          bestGL = gl;
          bestHL = hl;
        }
      }
    }
    if (bestF < 0 || best <= 1e-9) return;
    // Partition rows[start, end) in place: bin <= bestB first.
    const col = data.bins[bestF]!;
    let i = start;
    let k = end - 1;
    while (i <= k) {
      if (col[rows[i]!]! <= bestB) i++;
      else {
        const t = rows[i]!;
        rows[i] = rows[k]!;
        rows[k] = t;
        k--;
      }
    }
    const mid = i;
    if (mid === start || mid === end) return;
    feature[node] = bestF;
    bin[node] = bestB;
    threshold[node] = data.upper[bestF]![bestB]!;
    const l = addNode(bestGL, bestHL);
    const r = addNode(G - bestGL, H - bestHL);
    left[node] = l;
    right[node] = r;
    // Histogram subtraction: build the smaller child, derive the larger one.
    const leftSmaller = mid - start <= end - mid;
    const small = leftSmaller ? build(start, mid) : build(mid, end);
    const large: Hist = new Float64Array(total * 2);
    for (let b = 0; b < total * 2; b++) large[b] = hist[b]! - small[b]!;
    const lh = leftSmaller ? small : large;
    const rh = leftSmaller ? large : small;
    split(l, start, mid, lh, bestGL, bestHL, depth + 1);
    split(r, mid, end, rh, G - bestGL, H - bestHL, depth + 1);
  };

  let G = 0;
  let H = 0;
  for (let r = 0; r < rows.length; r++) {
    G += grad[rows[r]!]!;
    H += hess[rows[r]!]!;
  }
  const root = addNode(G, H);
  split(root, 0, rows.length, build(0, rows.length), G, H, 0);
  const tree: FlatTree = {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
  splitBins.set(tree, Int32Array.from(bin));
  return tree;
}

/** Raw scores (one per output) for one row of raw feature values. */
export function rawScores(model: BoostedModel, x: ArrayLike<number>, out: Float64Array): void {
  for (let k = 0; k < model.outputs; k++) out[k] = model.base[k]!;
  const trees = model.trees;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t]!;
    const f = tree.feature;
    let node = 0;
    while (f[node]! >= 0) node = x[f[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    const o = t % model.outputs;
    out[o] = out[o]! + tree.value[node]!;
  }
}

/** Rows per block in batch scoring: a block's feature values stay in cache while every tree visits them. */
const BLOCK = 2048;

/** Raw scores for columnar rows (row-major, `outputs` per row): block by block, then tree by tree. */
export function rawScoresColumns(model: BoostedModel, columns: readonly Float64Array[], n: number): Float64Array {
  const k = model.outputs;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let o = 0; o < k; o++) out[i * k + o] = model.base[o]!;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let t = 0; t < model.trees.length; t++) {
      const { feature, threshold, left, right, value } = model.trees[t]!;
      const o = t % k;
      for (let i = start; i < end; i++) {
        let node = 0;
        let f = feature[0]!;
        while (f >= 0) {
          node = columns[f]![i]! <= threshold[node]! ? left[node]! : right[node]!;
          f = feature[node]!;
        }
        out[i * k + o] = out[i * k + o]! + value[node]!;
      }
    }
  }
  return out;
}

/** Class probabilities from raw scores. */
export function toProbabilities(model: BoostedModel, raw: Float64Array, out: Float64Array): void {
  if (model.outputs === 1) {
    const p = 1 / (1 + Math.exp(-raw[0]!));
    out[0] = 1 - p;
    out[1] = p;
  } else softmax(raw, 0, model.outputs, out);
}

/**
 * Per-feature contributions to the raw score of `output` (Saabas path attribution): each
 * split on the path credits its feature with the change in node value. They sum, with the
 * base and the root values, to the raw score exactly.
 */
export function contributions(model: BoostedModel, x: ArrayLike<number>, output: number, features: number): Float64Array {
  const out = new Float64Array(features);
  for (let t = output; t < model.trees.length; t += model.outputs) {
    const tree = model.trees[t]!;
    let node = 0;
    while (tree.feature[node]! >= 0) {
      const next = x[tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
      const j = tree.feature[node]!;
      out[j] = out[j]! + tree.value[next]! - tree.value[node]!;
      node = next;
    }
  }
  return out;
}

/** Serialisable form of a model (plain arrays) for the registry. */
export function modelToJson(model: BoostedModel): unknown {
  return {
    classes: model.classes,
    outputs: model.outputs,
    base: model.base,
    trees: model.trees.map((t) => ({
      f: Array.from(t.feature),
      t: Array.from(t.threshold),
      l: Array.from(t.left),
      r: Array.from(t.right),
      v: Array.from(t.value, (v) => Number(v.toPrecision(9))),
    })),
  };
}

export function modelFromJson(json: unknown): BoostedModel {
  const m = json as {
    classes: number;
    outputs: number;
    base: number[];
    trees: { f: number[]; t: number[]; l: number[]; r: number[]; v: number[] }[];
  };
  return {
    classes: m.classes,
    outputs: m.outputs,
    base: m.base,
    trees: m.trees.map((t) => ({
      feature: Int32Array.from(t.f),
      threshold: Float64Array.from(t.t),
      left: Int32Array.from(t.l),
      right: Int32Array.from(t.r),
      value: Float64Array.from(t.v),
    })),
  };
}

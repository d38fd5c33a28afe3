import { describe, expect, it } from 'vitest';
import { binColumns } from '../../../../src/core/models/binning';
import { contributions, modelFromJson, modelToJson, rawScores, toProbabilities, trainBoosted } from '../../../../src/core/models/gbdt';
import { auc, computeMetrics } from '../../../../src/core/models/metrics';

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const params = { rounds: 30, learningRate: 0.3, maxDepth: 4, minChildWeight: 1, lambda: 1, rowsPerRound: 10_000, seed: 3 };

describe('histogram gradient boosting', () => {
  it('learns an interaction a linear model cannot (XOR of two features) and keeps noise features out', async () => {
    const r = rng(1);
    const n = 4000;
    const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const label = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      cols[0]![i] = r();
      cols[1]![i] = r();
      cols[2]![i] = r();
      label[i] = cols[0]![i]! > 0.5 !== cols[1]![i]! > 0.5 ? 1 : 0;
    }
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const model = await trainBoosted(binColumns(cols, ['numeric', 'numeric', 'numeric'], [0, 0, 0], rows, label), 2, params);
    const raw = new Float64Array(1);
    const p = new Float64Array(2);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      rawScores(model, [cols[0]![i]!, cols[1]![i]!, cols[2]![i]!], raw);
      toProbabilities(model, raw, p);
      if ((p[1]! > 0.5 ? 1 : 0) === label[i]) correct++;
    }
    expect(correct / n).toBeGreaterThan(0.95);
    const c = contributions(model, [0.9, 0.1, 0.5], 0, 3);
    expect(Math.abs(c[2]!)).toBeLessThan(Math.abs(c[0]!) + Math.abs(c[1]!));
  });

  it('contributions add up, with the base and root values, to the raw score', async () => {
    const r = rng(2);
    const n = 2000;
    const cols = [Float64Array.from({ length: n }, r), Float64Array.from({ length: n }, () => Math.floor(r() * 4))];
    const label = Int32Array.from({ length: n }, (_, i) => (cols[0]![i]! + cols[1]![i]! / 4 > 0.9 ? 1 : 0));
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const model = await trainBoosted(binColumns(cols, ['numeric', 'discrete'], [0, 4], rows, label), 2, params);
    const x = [0.7, 2];
    const raw = new Float64Array(1);
    rawScores(model, x, raw);
    const c = contributions(model, x, 0, 2);
    const roots = model.trees.reduce((s, t) => s + t.value[0]!, 0);
    expect(model.base[0]! + roots + c[0]! + c[1]!).toBeCloseTo(raw[0]!, 9);
  });

  it('trains three classes with softmax and survives a JSON round trip unchanged', async () => {
    const r = rng(3);
    const n = 3000;
    const cols = [Float64Array.from({ length: n }, r)];
    const label = Int32Array.from({ length: n }, (_, i) => (cols[0]![i]! < 0.3 ? 0 : cols[0]![i]! < 0.7 ? 1 : 2));
    const model = await trainBoosted(
      binColumns(
        cols,
        ['numeric'],
        [0],
        Uint32Array.from({ length: n }, (_, i) => i),
        label,
      ),
      3,
      params,
    );
    const copy = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    const pa = new Float64Array(3);
    for (const v of [0.1, 0.5, 0.9]) {
      rawScores(model, [v], a);
      rawScores(copy, [v], b);
      toProbabilities(model, a, pa);
      expect(b[0]).toBeCloseTo(a[0]!, 6);
      expect(pa.indexOf(Math.max(...pa))).toBe(v < 0.3 ? 0 : v < 0.7 ? 1 : 2);
    }
  });
});

describe('metrics', () => {
  it('computes accuracy, precision, recall, F1, AUC and the confusion matrix of a binary model', () => {
    const truth = Int32Array.from([1, 1, 0, 0, 1, 0]);
    const p1 = [0.9, 0.6, 0.4, 0.2, 0.3, 0.7];
    const probs = Float64Array.from(p1.flatMap((p) => [1 - p, p]));
    const m = computeMetrics(['no', 'yes'], truth, probs, 1);
    expect(m.confusion.matrix).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(m.accuracy).toBeCloseTo(4 / 6, 4);
    expect(m.precision).toBeCloseTo(2 / 3, 4);
    expect(m.recall).toBeCloseTo(2 / 3, 4);
    expect(m.baselineAccuracy).toBe(0.5);
    expect(m.rocAuc).toBeCloseTo(6 / 9, 4);
  });

  it('gives AUC 1 for a perfect ranking and null when one class is missing', () => {
    expect(auc(Int32Array.from([0, 1]), Float64Array.from([0.9, 0.1, 0.2, 0.8]), 2, 1)).toBe(1);
    expect(auc(Int32Array.from([1, 1]), Float64Array.from([0.1, 0.9, 0.2, 0.8]), 2, 1)).toBeNull();
  });
});

import type { ModelMetrics } from '../../shared/api';

/**
 * Classification metrics from true class indexes and class probabilities (row-major, k per row).
 * Binary: precision/recall/F1 of `positive`, ROC AUC of its probability. 3+ classes: macro
 * averages and one-vs-rest macro AUC. Rows with an unknown label (-1) are skipped.
 */
export function computeMetrics(labels: string[], truth: Int32Array, probs: Float64Array, positive: number | null): ModelMetrics {
  const k = labels.length;
  const matrix = labels.map(() => new Array<number>(k).fill(0));
  const counts = new Array<number>(k).fill(0);
  let rows = 0;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (t < 0) continue;
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + best]!) best = c;
    matrix[t]![best]!++;
    counts[t]!++;
    rows++;
    if (best === t) correct++;
  }
  const prf = (c: number) => {
    const tp = matrix[c]![c]!;
    let predicted = 0;
    for (let t = 0; t < k; t++) predicted += matrix[t]![c]!;
    const precision = predicted ? tp / predicted : 0;
    const recall = counts[c] ? tp / counts[c]! : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1 };
  };
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  let rocAuc: number | null;
  if (k === 2 && positive !== null) {
    ({ precision, recall, f1 } = prf(positive));
    rocAuc = auc(truth, probs, k, positive);
  } else {
    const aucs: number[] = [];
    for (let c = 0; c < k; c++) {
      const m = prf(c);
      precision += m.precision / k;
      recall += m.recall / k;
      f1 += m.f1 / k;
      const a = auc(truth, probs, k, c);
      if (a !== null) aucs.push(a);
    }
    rocAuc = aucs.length ? aucs.reduce((s, a) => s + a, 0) / aucs.length : null;
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    rows,
    accuracy: round(rows ? correct / rows : 0),
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    rocAuc: rocAuc === null ? null : round(rocAuc),
    baselineAccuracy: round(rows ? Math.max(...counts) / rows : 0),
    confusion: { labels: [...labels], matrix },
  };
}

/** ROC AUC of class c against the rest (rank statistic with ties averaged); null when one side is empty. */
export function auc(truth: Int32Array, probs: Float64Array, k: number, c: number): number | null {
  const idx: number[] = [];
  for (let i = 0; i < truth.length; i++) if (truth[i]! >= 0) idx.push(i);
  idx.sort((a, b) => probs[a * k + c]! - probs[b * k + c]!);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    const v = probs[idx[i]! * k + c]!;
    while (j < idx.length && probs[idx[j]! * k + c]! === v) j++;
    const avgRank = (i + j + 1) / 2;
    for (let m = i; m < j; m++) {
      if (truth[idx[m]!] === c) {
        pos++;
        rankSum += avgRank;
      } else neg++;
    }
    i = j;
  }
  if (!pos || !neg) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

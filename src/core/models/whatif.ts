import { AppError } from '../../shared/errors';
import { sweepPoints, type FeatureRecord, type FeatureValue } from '../../shared/models/schema';
import type { Scorer } from './registry';
import { probabilitiesFor } from './scoring';

function featureOf(scorer: Scorer, name: string) {
  const f = scorer.features.find((x) => x.name === name);
  if (!f)
    throw new AppError('INVALID_INPUT', `"${name}" is not an input of ${scorer.info.id}.`, {
      details: [{ row: 0, field: name, message: 'Unknown feature.' }],
    });
  return f;
}

/**
 * One feature varied over the data's own range with the others fixed: class probabilities per
 * point (one batch call). The form's current value is one of the points, so the curve passes through it.
 */
export async function sweep(scorer: Scorer, base: FeatureRecord, feature: string, points: number, signal?: AbortSignal) {
  const f = featureOf(scorer, feature);
  let xs = sweepPoints(f, points);
  const current = base[feature];
  if (typeof current === 'number' && (f.type === 'number' || f.type === 'integer') && !xs.includes(current)) {
    xs = [...(xs as number[]), current].sort((a, b) => a - b);
  }
  const probs = await probabilitiesFor(
    scorer,
    xs.map((x) => ({ ...base, [feature]: x })),
    signal,
  );
  const k = scorer.classes.length;
  return {
    feature,
    xs,
    classes: scorer.classes,
    probabilities: xs.map((_, i) => Array.from(probs.subarray(i * k, i * k + k), (p) => Math.round(p * 1e6) / 1e6)),
  };
}

/** Probability of one class over a grid of two features (one batch call). */
export async function heatmap(
  scorer: Scorer,
  base: FeatureRecord,
  fx: string,
  fy: string,
  size: number,
  className: string | undefined,
  signal?: AbortSignal,
) {
  if (fx === fy)
    throw new AppError('INVALID_INPUT', 'Pick two different features for the heat map.', {
      details: [{ row: 0, field: 'featureY', message: 'Same as the first feature.' }],
    });
  const xs: FeatureValue[] = sweepPoints(featureOf(scorer, fx), size);
  const ys: FeatureValue[] = sweepPoints(featureOf(scorer, fy), size);
  const cls = className ?? scorer.info.positiveClass ?? scorer.classes[0]!;
  const c = scorer.classes.indexOf(cls);
  if (c < 0) throw new AppError('INVALID_INPUT', `"${cls}" is not a class of ${scorer.info.id} (${scorer.classes.join(', ')}).`);
  const records: FeatureRecord[] = [];
  for (const y of ys) for (const x of xs) records.push({ ...base, [fx]: x, [fy]: y });
  const probs = await probabilitiesFor(scorer, records, signal);
  const k = scorer.classes.length;
  const z = ys.map((_, yi) => xs.map((_, xi) => Math.round(probs[(yi * xs.length + xi) * k + c]! * 10_000) / 10_000));
  return { featureX: fx, featureY: fy, xs, ys, className: cls, z };
}

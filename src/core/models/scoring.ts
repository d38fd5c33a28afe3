import type { Prediction } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { validateRecord, type FeatureRecord, type FieldError } from '../../shared/models/schema';
import type { CohortFrame } from './cohort';
import { LocalModel } from './local-model';
import type { Scorer } from './registry';

/** Validates records against the model's schema; any problem fails the call with field-level details. */
export function validateAll(scorer: Scorer, records: unknown[]): FeatureRecord[] {
  const errors: FieldError[] = [];
  const out: FeatureRecord[] = [];
  records.forEach((r, i) => {
    const v = validateRecord(scorer.features, r, i);
    if (v.ok) out.push(v.value);
    else errors.push(...v.errors);
  });
  if (errors.length) {
    const summary = errors
      .slice(0, 5)
      .map((e) => (records.length > 1 ? `record ${e.row + 1}: ${e.message}` : e.message))
      .join(' ');
    throw new AppError('INVALID_INPUT', `No prediction: ${summary}`, { details: errors });
  }
  return out;
}

/** Predictions for validated records, local (in process) or remote (HTTP). */
export async function predictRecords(
  scorer: Scorer,
  records: FeatureRecord[],
  explain: boolean,
  signal?: AbortSignal,
): Promise<Prediction[]> {
  if (scorer instanceof LocalModel) return records.map((r) => scorer.predict(r, explain));
  return scorer.predict(records, explain, signal);
}

/** Class probabilities (row-major) for validated records. */
export async function probabilitiesFor(scorer: Scorer, records: FeatureRecord[], signal?: AbortSignal): Promise<Float64Array> {
  if (scorer instanceof LocalModel) {
    const k = scorer.classes.length;
    const out = new Float64Array(records.length * k);
    const p = new Float64Array(k);
    records.forEach((r, i) => out.set(scorer.probabilities(scorer.encode(r), p), i * k));
    return out;
  }
  return (await scorer.probabilities(records, signal)).probs;
}

/** The record of row i of a frame, decoded to the values a person (or a remote model) reads. */
export function recordAt(frame: CohortFrame, i: number): FeatureRecord {
  const rec: FeatureRecord = {};
  frame.features.forEach((f, j) => {
    const v = frame.columns[j]![i]!;
    rec[f.name] = f.type === 'category' ? (frame.categories[j]![v] ?? '') : f.type === 'boolean' ? v === 1 : v;
  });
  return rec;
}

export interface FrameScores {
  probs: Float64Array;
  /** 1 where the row could be scored (categories known to the model). */
  valid: Uint8Array;
  skipped: number;
  problem: string | null;
}

/** Scores every row of a cohort frame with a model, mapping category codes by name. */
export async function scoreFrame(scorer: Scorer, frame: CohortFrame, signal?: AbortSignal): Promise<FrameScores> {
  const k = scorer.classes.length;
  const valid = new Uint8Array(frame.n).fill(1);
  let problem: string | null = null;
  const columns = scorer.features.map((f) => {
    const j = frame.features.findIndex((g) => g.name === f.name);
    if (j < 0) throw new AppError('INVALID_INPUT', `The cohort has no column ${f.name}, which ${scorer.info.id} needs.`);
    const src = frame.columns[j]!;
    if (f.type !== 'category') return src;
    const index = new Map((f.categories ?? []).map((c, i) => [c, i]));
    const remap = frame.categories[j]!.map((c) => index.get(c) ?? -1);
    const out = new Float64Array(frame.n);
    for (let i = 0; i < frame.n; i++) {
      const code = remap[src[i]!] ?? -1;
      if (code < 0) {
        valid[i] = 0;
        problem ??= `${f.name} "${frame.categories[j]![src[i]!] ?? '(a value outside its categories)'}" is unknown to ${scorer.info.id}`;
      }
      out[i] = code;
    }
    return out;
  });
  let skipped = 0;
  for (let i = 0; i < frame.n; i++) skipped += valid[i] ? 0 : 1;
  if (scorer instanceof LocalModel) {
    const probs = scorer.scoreColumns(columns, frame.n);
    for (let i = 0; i < frame.n; i++) if (!valid[i]) probs.fill(NaN, i * k, i * k + k);
    return { probs, valid, skipped, problem };
  }
  const idx: number[] = [];
  for (let i = 0; i < frame.n; i++) if (valid[i]) idx.push(i);
  const remote = await scorer.probabilities(
    idx.map((i) => recordAt(frame, i)),
    signal,
  );
  const probs = new Float64Array(frame.n * k).fill(NaN);
  idx.forEach((i, r) => probs.set(remote.probs.subarray(r * k, r * k + k), i * k));
  return { probs, valid, skipped, problem };
}

/** Index of the most probable class of row i. */
export function argmax(probs: Float64Array, i: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + best]!) best = c;
  return best;
}

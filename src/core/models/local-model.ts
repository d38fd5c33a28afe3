import type { ModelInfo, Prediction } from '../../shared/api';
import type { FeatureRecord, FeatureSpec, ModelName } from '../../shared/models/schema';
import { RETRY_WAITS } from './definitions';
import { contributions, modelFromJson, rawScores, rawScoresColumns, toProbabilities, type BoostedModel } from './gbdt';

/** What the registry stores for a local model version: enough to score after a restart. */
export interface Artefact {
  format: 1;
  model: ModelName;
  features: FeatureSpec[];
  classes: string[];
  positiveClass: string | null;
  booster: unknown;
}

/** A trained model loaded for scoring: encodes records, predicts and explains in process. */
export class LocalModel {
  readonly booster: BoostedModel;
  readonly features: FeatureSpec[];
  readonly classes: string[];
  private readonly catIndex: (Map<string, number> | null)[];
  private readonly raw: Float64Array;
  private readonly x: Float64Array;

  constructor(
    readonly info: ModelInfo,
    artefact: Artefact,
  ) {
    this.booster = modelFromJson(artefact.booster);
    this.features = artefact.features;
    this.classes = artefact.classes;
    this.catIndex = this.features.map((f) => (f.type === 'category' ? new Map((f.categories ?? []).map((c, i) => [c, i])) : null));
    this.raw = new Float64Array(this.booster.outputs);
    this.x = new Float64Array(this.features.length);
  }

  /** Turns a validated record into the numeric vector the trees read. */
  encode(record: FeatureRecord, out: Float64Array = this.x): Float64Array {
    this.features.forEach((f, j) => {
      const v = record[f.name];
      if (f.type === 'category') out[j] = this.catIndex[j]!.get(String(v)) ?? -1;
      else if (f.type === 'boolean') out[j] = v === true ? 1 : 0;
      else out[j] = Number(v);
    });
    return out;
  }

  /** Class probabilities for one encoded row, written into `out` (length = classes). */
  probabilities(x: ArrayLike<number>, out: Float64Array): Float64Array {
    rawScores(this.booster, x, this.raw);
    toProbabilities(this.booster, this.raw, out);
    return out;
  }

  /** Scores columnar data (one Float64Array per feature) into row-major probabilities. */
  scoreColumns(columns: readonly Float64Array[], n: number): Float64Array {
    const k = this.classes.length;
    const raw = rawScoresColumns(this.booster, columns, n);
    const out = new Float64Array(n * k);
    if (this.booster.outputs === 1) {
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-raw[i]!));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    const r = new Float64Array(k);
    const p = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < k; o++) r[o] = raw[i * k + o]!;
      toProbabilities(this.booster, r, p);
      out.set(p, i * k);
    }
    return out;
  }

  /** A full prediction: label, probabilities, per-feature contributions and (retry) the wait. */
  predict(record: FeatureRecord, explain: boolean): Prediction {
    const x = Float64Array.from(this.encode(record));
    const k = this.classes.length;
    const p = this.probabilities(x, new Float64Array(k));
    let best = 0;
    for (let c = 1; c < k; c++) if (p[c]! > p[best]!) best = c;
    const probabilities: Record<string, number> = {};
    this.classes.forEach((c, i) => (probabilities[c] = round(p[i]!)));
    let contribs: Prediction['contributions'] = null;
    if (explain) {
      const binary = this.booster.outputs === 1;
      const raw = contributions(this.booster, x, binary ? 0 : best, this.features.length);
      // Binary trees score the positive class; flip the sign when explaining the other one.
      const sign = binary && best === 0 ? -1 : 1;
      contribs = this.features.map((f, j) => ({ feature: f.name, contribution: round(sign * raw[j]!) }));
    }
    return {
      label: this.classes[best]!,
      probabilities,
      contributions: contribs,
      contributionUnit: explain ? 'log-odds' : null,
      recommendedWaitSeconds: this.info.schemaOf === 'smart_retry' ? this.recommendedWait(x) : null,
    };
  }

  /** The wait (from a fixed grid inside the schema's range) with the best chance of recovery. */
  recommendedWait(x: Float64Array): number {
    const j = this.features.findIndex((f) => f.name === 'time_since_decline');
    if (j < 0) return 0;
    const max = this.features[j]!.max ?? Infinity;
    const y = Float64Array.from(x);
    const p = new Float64Array(this.classes.length);
    let bestWait = 0;
    let bestP = -1;
    for (const w of RETRY_WAITS) {
      if (w > max) break;
      y[j] = w;
      this.probabilities(y, p);
      // Prefer the shorter wait unless a longer one is clearly better (half a point).
      if (p[1]! > bestP + 0.005) {
        bestP = p[1]!;
        bestWait = w;
      }
    }
    return bestWait;
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

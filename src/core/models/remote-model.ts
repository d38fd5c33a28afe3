import type { ModelInfo, Prediction } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { FeatureRecord, FeatureSpec } from '../../shared/models/schema';
import { invokeRemote, normalisePrediction } from './remote-client';

/** How to call an endpoint, looked up per request so profile edits and token renewals apply. */
export interface RemoteAuth {
  /** The URL to call when it follows a profile's current host; the registered URL otherwise. */
  url?: string;
  token?: string;
  /** Extra CA certificate (PEM) to trust. */
  ca?: string;
  /** How messages name the endpoint. */
  target?: string;
  /** Called when the endpoint rejected the token, so a cached one is not reused. */
  rejected?: () => void;
}

/** Records per request when scoring a cohort remotely. */
export const REMOTE_BATCH = 1000;

/** A registered remote endpoint, used through the same scoring interface as a local model. */
export class RemoteModel {
  readonly features: FeatureSpec[];
  readonly classes: string[];

  constructor(
    readonly info: ModelInfo,
    private readonly auth: (signal?: AbortSignal) => Promise<RemoteAuth>,
  ) {
    this.features = info.features;
    this.classes = info.classes;
  }

  /** Class probabilities (row-major) for records, in batches of REMOTE_BATCH. */
  async probabilities(records: FeatureRecord[], signal?: AbortSignal): Promise<{ probs: Float64Array; waits: (number | null)[] }> {
    const k = this.classes.length;
    const probs = new Float64Array(records.length * k);
    const waits: (number | null)[] = [];
    const auth = await this.auth(signal);
    for (let start = 0; start < records.length; start += REMOTE_BATCH) {
      const slice = records.slice(start, start + REMOTE_BATCH);
      const raw = await invokeRemote(auth.url ?? this.info.remote!.url, slice, {
        columns: this.features.map((f) => f.name),
        format: this.info.remote!.format,
        timeoutMs: this.info.remote!.timeoutMs,
        token: auth.token,
        ca: auth.ca,
        target: auth.target,
        signal,
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'UNAUTHORIZED') auth.rejected?.();
        throw error;
      });
      raw.forEach((r, i) => {
        const n = normalisePrediction(r, this.classes, this.info.positiveClass);
        probs.set(n.probabilities, (start + i) * k);
        waits.push(n.wait);
      });
    }
    return { probs, waits };
  }

  /**
   * Predictions; contributions by occlusion (each feature set to its typical value, in one
   * request with the original) since a remote model cannot show its trees.
   */
  async predict(records: FeatureRecord[], explain: boolean, signal?: AbortSignal): Promise<Prediction[]> {
    const k = this.classes.length;
    const out: Prediction[] = [];
    if (!explain || records.length > 1) {
      const { probs, waits } = await this.probabilities(records, signal);
      return records.map((_, i) => this.toPrediction(probs.subarray(i * k, i * k + k), waits[i] ?? null, null));
    }
    const base = records[0]!;
    const variants = [base, ...this.features.map((f) => ({ ...base, [f.name]: f.typical }))];
    const { probs, waits } = await this.probabilities(variants, signal);
    const p0 = probs.subarray(0, k);
    let best = 0;
    for (let c = 1; c < k; c++) if (p0[c]! > p0[best]!) best = c;
    const contributions = this.features.map((f, j) => ({
      feature: f.name,
      contribution: Math.round((p0[best]! - probs[(j + 1) * k + best]!) * 1e6) / 1e6,
    }));
    out.push(this.toPrediction(p0, waits[0] ?? null, contributions));
    return out;
  }

  private toPrediction(p: Float64Array, wait: number | null, contributions: Prediction['contributions']): Prediction {
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    const probabilities: Record<string, number> = {};
    this.classes.forEach((c, i) => (probabilities[c] = p[i]!));
    return {
      label: this.classes[best]!,
      probabilities,
      contributions,
      contributionUnit: contributions ? 'probability' : null,
      recommendedWaitSeconds: this.info.schemaOf === 'smart_retry' ? wait : null,
    };
  }
}

import { z } from 'zod';

/** The four decisioning models of the platform (SPEC §5). */
export const MODEL_NAMES = ['approval_propensity', 'risk_scoring', 'smart_routing', 'smart_retry'] as const;
export const ModelName = z.enum(MODEL_NAMES);
export type ModelName = z.infer<typeof ModelName>;

/** The platform's reference holdout accuracy for each model, in percent. */
export const REFERENCE_ACCURACY: Record<ModelName, number> = {
  approval_propensity: 92,
  risk_scoring: 88,
  smart_routing: 75,
  smart_retry: 81,
};

/** One input feature of a model: its type and the values it accepts. */
/** The boosting settings a person can change when retraining (the others are fixed). */
export interface TrainSettings {
  rounds: number;
  maxDepth: number;
  learningRate: number;
  /** The input features, by name, in the model's order. */
  features: string[];
  /** The model's features this version was trained without. */
  leftOut: string[];
}

/** Each model's default boosting settings (its features default to all of them). */
export const DEFAULT_TRAIN_SETTINGS: Record<ModelName, Omit<TrainSettings, 'features' | 'leftOut'>> = {
  approval_propensity: { rounds: 50, maxDepth: 6, learningRate: 0.25 },
  risk_scoring: { rounds: 30, maxDepth: 6, learningRate: 0.3 },
  smart_routing: { rounds: 25, maxDepth: 7, learningRate: 0.3 },
  smart_retry: { rounds: 50, maxDepth: 5, learningRate: 0.2 },
};

/** Limits of the settings a person can change (also the form's min/max). */
export const TRAIN_LIMITS = {
  rounds: { min: 5, max: 300 },
  maxDepth: { min: 1, max: 10 },
  learningRate: { min: 0.01, max: 1 },
} as const;

export const FeatureSpec = z.object({
  name: z.string(),
  type: z.enum(['number', 'integer', 'boolean', 'category']),
  description: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  categories: z.array(z.string()).optional(),
  /** A typical value (median or mode in training data), used to prefill forms and sweeps. */
  typical: z.union([z.number(), z.boolean(), z.string()]),
  /** Numbers: the training values at QUANTILE_LEVELS, so sweeps cover where the data lives (absent on older models). */
  quantiles: z.array(z.number()).optional(),
});
export type FeatureSpec = z.infer<typeof FeatureSpec>;

export type FeatureValue = number | boolean | string;
export type FeatureRecord = Record<string, FeatureValue>;

/** A problem with one field of one input record. */
export interface FieldError {
  row: number;
  field: string;
  message: string;
}

/**
 * Checks one input record against a model's input schema: every feature present with the
 * right type and inside its range or categories, nothing extra. Pure, so the form and core agree.
 */
export function validateRecord(
  features: readonly FeatureSpec[],
  record: unknown,
  row = 0,
): { ok: true; value: FeatureRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, errors: [{ row, field: '', message: 'Each record must be an object of feature name → value.' }] };
  }
  const input = record as Record<string, unknown>;
  const known = new Set(features.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key))
      errors.push({ row, field: key, message: `"${key}" is not an input of this model (expected: ${[...known].join(', ')}).` });
  }
  const value: FeatureRecord = {};
  for (const f of features) {
    const v = coerce(f, input[f.name]);
    if (v.error) errors.push({ row, field: f.name, message: v.error });
    else value[f.name] = v.value as FeatureValue;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function coerce(f: FeatureSpec, raw: unknown): { value?: FeatureValue; error?: string } {
  if (raw === undefined || raw === null || raw === '') return { error: `${f.name} is required.` };
  if (f.type === 'boolean') {
    if (typeof raw === 'boolean') return { value: raw };
    if (raw === 'true' || raw === 1 || raw === '1') return { value: true };
    if (raw === 'false' || raw === 0 || raw === '0') return { value: false };
    return { error: `${f.name} must be true or false, not ${JSON.stringify(raw)}.` };
  }
  if (f.type === 'category') {
    if (typeof raw !== 'string') return { error: `${f.name} must be text, one of: ${(f.categories ?? []).join(', ')}.` };
    if (f.categories && !f.categories.includes(raw)) {
      return { error: `${f.name} "${raw}" is not a known value; use one of: ${f.categories.join(', ')}.` };
    }
    return { value: raw };
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return { error: `${f.name} must be a number, not ${JSON.stringify(raw)}.` };
  if (f.type === 'integer' && !Number.isInteger(n)) return { error: `${f.name} must be a whole number.` };
  if (f.min !== undefined && n < f.min) return { error: `${f.name} must be at least ${f.min}.` };
  if (f.max !== undefined && n > f.max) return { error: `${f.name} must be at most ${f.max}.` };
  return { value: n };
}

/** The levels (1st, 5th, 10th … 95th, 99th percentile) at which training stores each number's distribution. */
export const QUANTILE_LEVELS = [0.01, ...Array.from({ length: 19 }, (_, i) => (i + 1) / 20), 0.99];

/** A number rounded to three significant digits (43.2, 417, 1,230): what a person reads on an axis. */
export function readable(x: number, integer = false): number {
  if (integer) return Math.round(x);
  return x === 0 ? 0 : Number(x.toPrecision(3));
}

/**
 * The points a sweep visits for a feature: its categories, both booleans, or numbers spaced
 * by the feature's own distribution (evenly in quantile from the 1st to the 99th percentile,
 * rounded to readable values), falling back to an even grid over its range for older models.
 */
export function sweepPoints(f: FeatureSpec, count: number): FeatureValue[] {
  if (f.type === 'category') return [...(f.categories ?? [])];
  if (f.type === 'boolean') return [false, true];
  if (f.quantiles && f.quantiles.length === QUANTILE_LEVELS.length) return quantilePoints(f, f.quantiles, count);
  const lo = f.min ?? 0;
  const hi = f.max ?? lo + 1;
  const n = Math.max(2, count);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = lo + ((hi - lo) * i) / (n - 1);
    out.push(f.type === 'integer' ? Math.round(x) : Number(x.toPrecision(6)));
  }
  return f.type === 'integer' ? [...new Set(out)] : out;
}

/** `count` points evenly spaced in quantile between the 1st and 99th percentiles, interpolated, rounded and distinct. */
function quantilePoints(f: FeatureSpec, q: number[], count: number): number[] {
  const n = Math.max(2, count);
  const first = QUANTILE_LEVELS[0]!;
  const last = QUANTILE_LEVELS[QUANTILE_LEVELS.length - 1]!;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const level = first + ((last - first) * i) / (n - 1);
    let j = 0;
    while (j < QUANTILE_LEVELS.length - 2 && QUANTILE_LEVELS[j + 1]! < level) j++;
    const a = QUANTILE_LEVELS[j]!;
    const b = QUANTILE_LEVELS[j + 1]!;
    const x = q[j]! + ((q[j + 1]! - q[j]!) * (level - a)) / (b - a);
    const bounded = Math.min(f.max ?? Infinity, Math.max(f.min ?? -Infinity, readable(x, f.type === 'integer')));
    out.push(bounded);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

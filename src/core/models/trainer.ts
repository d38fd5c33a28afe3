import type { ModelInfo, SqlParams, TrainSettingsInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import {
  DEFAULT_TRAIN_SETTINGS,
  QUANTILE_LEVELS,
  REFERENCE_ACCURACY,
  type FeatureSpec,
  type ModelName,
  type TrainSettings,
} from '../../shared/models/schema';
import { readColumnar, type ColumnarOptions } from '../engine/columnar-read';
import type { Engine } from '../engine/engine';
import type { SqlTarget } from '../engine/sql-target';
import { binColumns } from './binning';
import { DEFINITIONS, MIN_HOLDOUT_ROWS, MIN_TRAIN_ROWS } from './definitions';
import { frameSql, readFrame, type Frame } from './frame';
import { modelToJson, trainBoosted } from './gbdt';
import { LocalModel, type Artefact } from './local-model';
import { computeMetrics } from './metrics';
import type { NewVersion } from './registry';
import existsSql from './sql/silver_exists.sql?raw';
import spanSql from './sql/training_span.sql?raw';

export type TrainProgress = (stage: string, fraction: number, message: string) => void;

export const ALGORITHM = 'Histogram gradient-boosted trees (in-house, typed arrays)';

/** Fails with a clear message when there is no silver table to learn from. */
export async function requireSilver(db: Pick<SqlTarget, 'query'>): Promise<void> {
  const r = await db.query(existsSql);
  if (Number(r.rows[0]?.[0] ?? 0) === 0) {
    throw new AppError(
      'NOT_FOUND',
      'There is no payments_enriched_silver table yet: replay some events first (Pipeline page or `medallion replay`).',
    );
  }
}

/** Sets `$split` only for SQL that uses it (DuckDB rejects unused named parameters). */
export function splitParams(sql: string, split: string): SqlParams {
  return sql.includes('$split') ? { split } : {};
}

/**
 * Trains one model from payments_enriched_silver: time-based split (the newest
 * `holdoutFraction` of the time range is the holdout), boosting with progress, holdout metrics.
 */
export async function trainModel(
  engine: Engine,
  name: ModelName,
  options: { holdoutFraction: number; signal: AbortSignal; progress: TrainProgress; settings?: TrainSettingsInput },
): Promise<NewVersion> {
  const settings = resolveSettings(name, options.settings);
  const def = { ...DEFINITIONS[name], features: DEFINITIONS[name].features.filter((f) => settings.features.includes(f.name)) };
  const params = { ...DEFINITIONS[name].params, rounds: settings.rounds, maxDepth: settings.maxDepth, learningRate: settings.learningRate };
  const started = performance.now();
  await requireSilver(engine);
  options.progress('loading', 0, 'Reading silver');
  const span = await engine.query(spanSql, { params: { h: options.holdoutFraction }, signal: options.signal });
  const [start, end, split] = span.rows[0] as [string | null, string | null, string | null];
  if (!start || !end || !split) throw tooFew(name, 0, 0);
  // A fixed row order: parallel joins return rows in any order, and boosting depends on it, so
  // without it the same silver could give a different model on every run.
  const sql = `${frameSql(def.sql, def.features, 'SELECT * FROM payments_enriched_silver', def.classes)}\nORDER BY ts, transaction_id`;
  const read = (text: string, o: ColumnarOptions) => readColumnar(engine, text, o);
  const frame = await readFrame(read, sql, splitParams(def.sql, split), def.features, { signal: options.signal });
  const splitMs = Date.parse(split.replace(' ', 'T').slice(0, 23) + 'Z');
  const train: number[] = [];
  const holdout: number[] = [];
  const catCols = def.features.flatMap((f, j) => (f.type === 'category' ? [frame.columns[j]!] : []));
  for (let i = 0; i < frame.n; i++) {
    if (frame.label[i]! < 0 || catCols.some((c) => c[i]! < 0)) continue;
    (frame.time[i]! < splitMs ? train : holdout).push(i);
  }
  if (train.length < MIN_TRAIN_ROWS || holdout.length < MIN_HOLDOUT_ROWS) throw tooFew(name, train.length, holdout.length);
  const present = new Set(train.map((i) => frame.label[i]));
  if (present.size < 2) {
    throw new AppError(
      'INVALID_INPUT',
      `Cannot train ${name}: every training row has the same label (${def.classes[[...present][0]!]}). Replay more varied data.`,
    );
  }
  options.progress(
    'training',
    0.1,
    `${train.length.toLocaleString('en-US')} training rows, ${holdout.length.toLocaleString('en-US')} holdout rows`,
  );
  const features = describeFeatures(def.features, frame, Uint32Array.from(train));
  const kinds = features.map((f) => (f.type === 'category' || f.type === 'boolean' ? 'discrete' : 'numeric') as 'discrete' | 'numeric');
  const counts = features.map((f) => (f.type === 'category' ? f.categories!.length : 2));
  const binned = binColumns(frame.columns, kinds, counts, Uint32Array.from(train), frame.label);
  const booster = await trainBoosted(binned, def.classes.length, params, async (round, rounds) => {
    options.progress('training', 0.1 + (0.8 * round) / rounds, `Boosting round ${round} of ${rounds}`);
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal.aborted) throw new AppError('CANCELLED', `Training ${name} was cancelled.`);
  });
  options.progress('evaluating', 0.92, 'Scoring the holdout window');
  const artefact: Artefact = {
    format: 1,
    model: name,
    features,
    classes: def.classes,
    positiveClass: def.positiveClass,
    booster: modelToJson(booster),
  };
  const info = {
    name,
    schemaOf: name,
    algorithm: ALGORITHM,
    classes: def.classes,
    positiveClass: def.positiveClass,
    features,
    label: def.label,
    referenceAccuracy: REFERENCE_ACCURACY[name],
  };
  const scorer = new LocalModel(
    {
      ...info,
      id: '',
      kind: 'local',
      version: 0,
      trainingWindow: null,
      metrics: null,
      trainingSeconds: null,
      settings,
      createdAt: '',
      remote: null,
    },
    artefact,
  );
  const cols = frame.columns.map((c) => Float64Array.from(holdout, (i) => c[i]!));
  const probs = scorer.scoreColumns(cols, holdout.length);
  const truth = Int32Array.from(holdout, (i) => frame.label[i]!);
  const positive = def.positiveClass ? def.classes.indexOf(def.positiveClass) : null;
  const metrics = computeMetrics(def.classes, truth, probs, def.classes.length === 2 ? positive : null);
  const trainingWindow: ModelInfo['trainingWindow'] = { start, end, splitAt: split, trainRows: train.length, holdoutRows: holdout.length };
  return { ...info, trainingWindow, metrics, trainingSeconds: (performance.now() - started) / 1000, settings, artefact };
}

/** The settings a retrain asked for over the model's defaults; unknown feature names are refused with the known ones. */
export function resolveSettings(name: ModelName, asked: TrainSettingsInput = {}): TrainSettings {
  const all = DEFINITIONS[name].features.map((f) => f.name);
  const unknown = (asked.features ?? []).filter((f) => !all.includes(f));
  if (unknown.length) {
    throw new AppError('INVALID_INPUT', `${name} has no feature ${unknown.join(', ')}; its features are ${all.join(', ')}.`);
  }
  const features = asked.features ? all.filter((f) => asked.features!.includes(f)) : all;
  if (!features.length) throw new AppError('INVALID_INPUT', `Keep at least one feature to train ${name}.`);
  const d = DEFAULT_TRAIN_SETTINGS[name];
  return {
    rounds: asked.rounds ?? d.rounds,
    maxDepth: asked.maxDepth ?? d.maxDepth,
    learningRate: asked.learningRate ?? d.learningRate,
    features,
    leftOut: all.filter((f) => !features.includes(f)),
  };
}

function tooFew(name: ModelName, train: number, holdout: number): AppError {
  const what = name === 'smart_retry' ? 'retries of declined payments' : 'rows';
  return new AppError(
    'INVALID_INPUT',
    `Not enough data to train ${name}: it needs at least ${MIN_TRAIN_ROWS} ${what} in the training window and ${MIN_HOLDOUT_ROWS} in the holdout window (the newest part of the time range), and silver has ${train} and ${holdout}. Replay more events first (Pipeline page or \`medallion replay\`).`,
  );
}

/** The input schema learned from the training rows: ranges, categories seen and typical values. */
function describeFeatures(specs: readonly Omit<FeatureSpec, 'typical'>[], frame: Frame, rows: Uint32Array): FeatureSpec[] {
  return specs.map((f, j) => {
    const col = frame.columns[j]!;
    if (f.type === 'category') {
      const cats = frame.categories[j]!;
      const counts = new Array<number>(cats.length).fill(0);
      for (const i of rows) counts[col[i]!]!++;
      return { ...f, categories: cats, typical: cats[counts.indexOf(Math.max(...counts))]! };
    }
    if (f.type === 'boolean') {
      let ones = 0;
      for (const i of rows) ones += col[i]!;
      return { ...f, typical: ones * 2 > rows.length };
    }
    const values = Float64Array.from(rows, (i) => col[i]!).sort();
    const median = values[values.length >> 1] ?? 0;
    const observedMax = values[values.length - 1] ?? 0;
    const max = f.max ?? niceCeil(observedMax * 2);
    const typical = f.type === 'integer' ? Math.round(median) : Number(median.toPrecision(6));
    const quantiles = QUANTILE_LEVELS.map((level) => {
      const v = values[Math.min(values.length - 1, Math.floor(level * values.length))] ?? 0;
      return f.type === 'integer' ? Math.round(v) : Number(v.toPrecision(6));
    });
    return { ...f, min: f.min ?? 0, max, typical, quantiles };
  });
}

function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return Math.ceil(x / p) * p;
}

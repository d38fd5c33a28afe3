import { z } from 'zod';
import { method } from '../define';
import { JobProgress, JobState } from './jobs';
import { FeatureSpec, ModelName, TRAIN_LIMITS } from '../../models/schema';

export const ConfusionMatrix = z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) });

/** Holdout (or cohort) metrics; precision/recall/F1 are for the positive class, or macro-averaged for 3+ classes. */
export const ModelMetrics = z.object({
  rows: z.number(),
  accuracy: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  rocAuc: z.number().nullable(),
  /** Accuracy of always answering the most frequent class: what the model must beat. */
  baselineAccuracy: z.number(),
  confusion: ConfusionMatrix,
});
export type ModelMetrics = z.infer<typeof ModelMetrics>;

export const TrainingWindow = z.object({
  start: z.string(),
  end: z.string(),
  splitAt: z.string(),
  trainRows: z.number(),
  holdoutRows: z.number(),
});

/** The settings a version was trained with; null for remote models and versions trained before settings were recorded. */
export const TrainedSettings = z.object({
  rounds: z.number(),
  maxDepth: z.number(),
  learningRate: z.number(),
  features: z.array(z.string()),
  leftOut: z.array(z.string()),
});

/** A number within a setting's limits, every refusal in the form's words. */
function boundedSetting(what: string, limits: { min: number; max: number }, whole: boolean) {
  const kind = whole ? 'a whole number' : 'a number';
  const range = `${what} must be between ${limits.min} and ${limits.max}.`;
  const number = z.number({ message: `${what} must be ${kind}.` });
  return (whole ? number.int(`${what} must be ${kind}.`) : number).min(limits.min, range).max(limits.max, range).optional();
}

/** Settings a retrain may change; anything left out keeps the model's default. */
export const TrainSettingsInput = z
  .object({
    rounds: boundedSetting('Rounds', TRAIN_LIMITS.rounds, true),
    maxDepth: boundedSetting('Tree depth', TRAIN_LIMITS.maxDepth, true),
    learningRate: boundedSetting('The learning rate', TRAIN_LIMITS.learningRate, false),
    features: z.array(z.string()).min(1, 'Keep at least one feature.').optional(),
  })
  .strict();
export type TrainSettingsInput = z.infer<typeof TrainSettingsInput>;

/** A model the sandbox can use: a local version from the registry or a registered remote endpoint. */
export const ModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['local', 'remote']),
  schemaOf: ModelName,
  version: z.number().nullable(),
  algorithm: z.string(),
  classes: z.array(z.string()),
  positiveClass: z.string().nullable(),
  features: z.array(FeatureSpec),
  label: z.string(),
  trainingWindow: TrainingWindow.nullable(),
  metrics: ModelMetrics.nullable(),
  referenceAccuracy: z.number(),
  trainingSeconds: z.number().nullable(),
  settings: TrainedSettings.nullable(),
  createdAt: z.string(),
  remote: z
    .object({
      url: z.string(),
      format: z.enum(['dataframe_records', 'dataframe_split']),
      timeoutMs: z.number(),
      /** The Databricks connection profile a serving endpoint authenticates with; null for a plain URL. */
      profileId: z.string().nullable(),
    })
    .nullable(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const Contribution = z.object({ feature: z.string(), contribution: z.number() });
export const Prediction = z.object({
  label: z.string(),
  probabilities: z.record(z.string(), z.number()),
  /** Per-feature push towards `label`, in log-odds (local trees) or probability points (remote, by occlusion). */
  contributions: z.array(Contribution).nullable(),
  contributionUnit: z.enum(['log-odds', 'probability']).nullable(),
  recommendedWaitSeconds: z.number().nullable(),
});
export type Prediction = z.infer<typeof Prediction>;

/** A training job with its models and results; its `state` is the one job vocabulary (the `models.train` job's). */
export const TrainJob = z.object({
  id: z.string(),
  state: JobState,
  models: z.array(ModelName),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The one progress shape of every job: `done` counts models (fractional mid-model) out of `total`. */
  progress: JobProgress,
  error: z.string().nullable(),
  results: z.array(z.object({ model: ModelName, id: z.string(), version: z.number(), accuracy: z.number(), seconds: z.number() })),
});
export type TrainJob = z.infer<typeof TrainJob>;

const Record_ = z.record(z.string(), z.unknown());
const ModelId = z.string().min(1, 'Pick a model.');

/** Rows to score: a filter over silver (a SQL boolean expression), or CSV text with one column per feature. */
export const Cohort = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sql'), where: z.string().max(4000), limit: z.number().int().positive().max(2_000_000).default(10_000) }),
  z.object({ kind: z.literal('csv'), csv: z.string().min(1, 'The CSV file is empty.'), fileName: z.string().optional() }),
]);
export type Cohort = z.infer<typeof Cohort>;

export const BatchResult = z.object({
  rows: z.number(),
  elapsedMs: z.number(),
  classCounts: z.record(z.string(), z.number()),
  /** Histogram of the score (probability of the positive or predicted class) in 20 bins over 0..1. */
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  metrics: ModelMetrics.nullable(),
  savedTable: z.string().nullable(),
  preview: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) }),
});
export type BatchResult = z.infer<typeof BatchResult>;

export const CompareResult = z.object({
  rows: z.number(),
  agreement: z.number(),
  a: z.object({ id: z.string(), metrics: ModelMetrics.nullable(), classCounts: z.record(z.string(), z.number()) }),
  b: z.object({ id: z.string(), metrics: ModelMetrics.nullable(), classCounts: z.record(z.string(), z.number()) }),
  disagreements: z.array(
    z.object({
      row: z.number(),
      record: Record_,
      a: z.string(),
      b: z.string(),
      aScore: z.number(),
      bScore: z.number(),
      actual: z.string().nullable(),
    }),
  ),
});
export type CompareResult = z.infer<typeof CompareResult>;

export const PolicyThresholds = z.object({
  approveAbove: z.number().min(0).max(1).default(0.6),
  declineBelow: z.number().min(0).max(1).default(0.25),
  reviewHighRisk: z.boolean().default(true),
  retryNowAbove: z.number().min(0).max(1).default(0.6),
  retryLaterAbove: z.number().min(0).max(1).default(0.3),
  maxWaitSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(86_400),
  useRouting: z.boolean().default(true),
});
export type PolicyThresholds = z.infer<typeof PolicyThresholds>;

export const PolicyResult = z.object({
  transactions: z.number(),
  authorization: z.object({
    approve: z.number(),
    review: z.number(),
    decline: z.number(),
    actualApprovalRatePct: z.number(),
    fraudCaught: z.number(),
    goodDeclined: z.number(),
    fraudApproved: z.number(),
  }),
  retry: z.object({
    declines: z.number(),
    retryNow: z.number(),
    retryLater: z.number(),
    never: z.number(),
    avgWaitSeconds: z.number(),
    estimatedRecovered: z.number(),
    estimatedRecoveredValue: z.number(),
    actualRecovered: z.number(),
    actualRecoveredValue: z.number(),
  }),
  routing: z.object({ rerouted: z.number(), estimatedExtraApprovals: z.number(), estimatedExtraValue: z.number() }),
  estimatedApprovalRatePct: z.number(),
  approvalUpliftPp: z.number(),
  models: z.record(z.string(), z.string()),
});
export type PolicyResult = z.infer<typeof PolicyResult>;

const Empty = z.object({}).strict();

export const modelsMethods = {
  'models.list': method(
    Empty,
    z.object({ models: z.array(ModelInfo) }),
    'Lists local model versions (newest first) and registered remote endpoints.',
  ),
  'models.train': method(
    z
      .object({
        models: z.array(ModelName).min(1).optional(),
        holdoutFraction: z.number().min(0.05).max(0.5).optional(),
        settings: TrainSettingsInput.optional(),
      })
      .strict(),
    z.object({ jobId: z.string() }),
    'Starts a models.train job (job.progressed); returns the job id at once; jobs.cancel stops it between boosting rounds. `settings` (rounds, depth, learning rate, features) changes the new versions; features need a single model.',
  ),
  'models.jobs': method(Empty, z.object({ jobs: z.array(TrainJob) }), 'Training jobs of this session, newest first.'),
  'models.deleteVersion': method(
    z.object({ model: ModelId }).strict(),
    z.object({ deleted: z.boolean() }),
    'Deletes a local model version or a remote registration.',
  ),
  'models.predict': method(
    z.object({ model: ModelId, records: z.array(z.unknown()).min(1).max(10_000), explain: z.boolean().default(true) }).strict(),
    z.object({ predictions: z.array(Prediction), elapsedMs: z.number() }),
    'Scores records validated against the model input schema; field errors come back as INVALID_INPUT details.',
  ),
  'models.sampleRow': method(
    z.object({ model: ModelId, transactionId: z.string().optional() }).strict(),
    z.object({
      transactionId: z.string(),
      record: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
      actual: z.string().nullable(),
    }),
    'Loads a real silver row (random, or by transaction_id) as the model inputs, with its actual label.',
  ),
  'models.sweep': method(
    z.object({ model: ModelId, record: Record_, feature: z.string(), points: z.number().int().min(2).max(200).default(25) }).strict(),
    z.object({
      feature: z.string(),
      xs: z.array(z.union([z.number(), z.boolean(), z.string()])),
      classes: z.array(z.string()),
      probabilities: z.array(z.array(z.number())),
    }),
    'What-if: varies one feature across its range with the others fixed; class probabilities per point.',
  ),
  'models.heatmap': method(
    z
      .object({
        model: ModelId,
        record: Record_,
        featureX: z.string(),
        featureY: z.string(),
        size: z.number().int().min(2).max(40).default(12),
        className: z.string().optional(),
      })
      .strict(),
    z.object({
      featureX: z.string(),
      featureY: z.string(),
      xs: z.array(z.union([z.number(), z.boolean(), z.string()])),
      ys: z.array(z.union([z.number(), z.boolean(), z.string()])),
      className: z.string(),
      z: z.array(z.array(z.number())),
    }),
    'What-if: probability of one class over a grid of two features, the others fixed.',
  ),
  'models.scoreBatch': method(
    z.object({ model: ModelId, cohort: Cohort, saveAs: z.string().optional() }).strict(),
    BatchResult,
    'Scores a cohort (silver filter or CSV), with the score distribution, metrics where labels exist, and optionally saves the scores as a table.',
  ),
  'models.compare': method(
    z.object({ a: ModelId, b: ModelId, cohort: Cohort }).strict(),
    CompareResult,
    'Scores the same cohort with two models or versions and lists the rows where they disagree.',
  ),
  'models.policy': method(
    z
      .object({
        where: z.string().max(4000).default(''),
        limit: z.number().int().positive().max(1_000_000).default(50_000),
        thresholds: PolicyThresholds,
        /** The local version (name@vN) to use per model; a model left out uses its newest version. */
        models: z.partialRecord(ModelName, z.string().regex(/^[a-z_]+@v\d+$/, 'Pick a trained version (name@vN).')).optional(),
      })
      .strict(),
    PolicyResult,
    'Applies authorization, retry and routing policies built on the chosen (default: newest) local model versions to a replayed cohort, against what actually happened.',
  ),
  'models.registerRemote': method(
    z
      .object({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use letters, digits, _ or - (at most 64).'),
        url: z.string().url('Enter the full scoring URL, e.g. https://host/serving-endpoints/x/invocations.'),
        schemaOf: ModelName,
        format: z.enum(['dataframe_records', 'dataframe_split']).default('dataframe_records'),
        token: z.string().optional(),
        timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      })
      .strict(),
    ModelInfo,
    'Registers an MLflow / Databricks Model Serving endpoint that takes the inputs of one of the four models.',
  ),
  'models.registerServingEndpoint': method(
    z
      .object({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use letters, digits, _ or - (at most 64).'),
        profileId: z.string().min(1, 'Choose a Databricks connection profile.'),
        endpoint: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'A serving endpoint name has letters, digits, _ or - (at most 63).'),
        schemaOf: ModelName,
        format: z.enum(['dataframe_records', 'dataframe_split']).default('dataframe_records'),
        timeoutMs: z.number().int().min(100).max(120_000).default(30_000),
      })
      .strict(),
    ModelInfo,
    "Registers a Databricks Model Serving endpoint by name on a connection profile's workspace; calls use the profile's token.",
  ),
} as const;

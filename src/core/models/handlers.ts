import { join } from 'node:path';
import { MODEL_NAMES, validateRecord } from '../../shared/models/schema';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { JobRegistry } from '../jobs/job-registry';
import type { HandlerGroup } from '../api/handlers';
import type { Engine } from '../engine/engine';
import type { SqlTarget } from '../engine/sql-target';
import type { SecretStore } from '../ports';
import { scoreBatch } from './batch';
import { cohortFrame } from './cohort';
import { compareModels } from './compare';
import { TrainingJobs } from './jobs';
import { runPolicy } from './policy';
import { ModelRegistry, type Scorer } from './registry';
import { sampleRow } from './sample';
import { predictRecords, validateAll } from './scoring';
import type { ProfileSource } from './serving-auth';
import { heatmap, sweep } from './whatif';

type ModelsMethod =
  | 'models.list'
  | 'models.train'
  | 'models.jobs'
  | 'models.deleteVersion'
  | 'models.predict'
  | 'models.sampleRow'
  | 'models.sweep'
  | 'models.heatmap'
  | 'models.scoreBatch'
  | 'models.compare'
  | 'models.policy'
  | 'models.registerRemote'
  | 'models.registerServingEndpoint';

/** The model sandbox's services: registry, training jobs and a scratch folder for CSV uploads. */
export interface ModelsService {
  registry: ModelRegistry;
  jobs: TrainingJobs;
  tmpDir: string;
}

export function createModelsService(
  engine: Engine,
  events: EventBus,
  secrets: SecretStore,
  userDataDir: string,
  profiles?: ProfileSource,
  background?: JobRegistry,
): ModelsService {
  const registry = new ModelRegistry(engine, secrets, profiles);
  return { registry, jobs: new TrainingJobs(engine, registry, events, background), tmpDir: join(userDataDir, 'tmp') };
}

function baseRecord(scorer: Scorer, record: Record<string, unknown>) {
  const v = validateRecord(scorer.features, record);
  if (!v.ok) throw new AppError('INVALID_INPUT', `No prediction: ${v.errors.map((e) => e.message).join(' ')}`, { details: v.errors });
  return v.value;
}

/** models.* methods: training, registry, scoring, what-if, batch, compare, policies, remote endpoints. */
export function modelsHandlers(engine: Engine, target: SqlTarget, service: ModelsService): HandlerGroup<ModelsMethod> {
  const { registry, jobs } = service;
  return {
    'models.list': async () => ({ models: await registry.list() }),
    'models.train': (input) => ({ jobId: jobs.start(input.models ?? [...MODEL_NAMES], input.holdoutFraction ?? 0.2, input.settings).id }),
    'models.jobs': () => ({ jobs: jobs.list() }),
    'models.deleteVersion': async (input) => ({ deleted: await registry.delete(input.model) }),
    'models.predict': async (input, ctx) => {
      const scorer = await registry.load(input.model);
      const started = performance.now();
      const predictions = await predictRecords(scorer, validateAll(scorer, input.records), input.explain, ctx.signal);
      return { predictions, elapsedMs: performance.now() - started };
    },
    'models.sampleRow': async (input) => sampleRow(target, await registry.load(input.model), input.transactionId),
    'models.sweep': async (input, ctx) => {
      const scorer = await registry.load(input.model);
      return sweep(scorer, baseRecord(scorer, input.record), input.feature, input.points, ctx.signal);
    },
    'models.heatmap': async (input, ctx) => {
      const scorer = await registry.load(input.model);
      return heatmap(scorer, baseRecord(scorer, input.record), input.featureX, input.featureY, input.size, input.className, ctx.signal);
    },
    'models.scoreBatch': async (input, ctx) => {
      const scorer = await registry.load(input.model);
      const frame = await cohortFrame(target, service.tmpDir, scorer.info.schemaOf, input.cohort, scorer.features, ctx.signal);
      return scoreBatch(engine, scorer, frame, input.saveAs, ctx.signal);
    },
    'models.compare': async (input, ctx) => {
      const a = await registry.load(input.a);
      const b = await registry.load(input.b);
      // Versions trained on different features: the cohort carries the inputs of both.
      const extra = a.info.schemaOf === b.info.schemaOf ? b.features.filter((f) => !a.features.some((g) => g.name === f.name)) : [];
      const features = [...a.features, ...extra];
      const frame = await cohortFrame(target, service.tmpDir, a.info.schemaOf, input.cohort, features, ctx.signal);
      return compareModels(a, b, frame, ctx.signal);
    },
    'models.policy': (input, ctx) => runPolicy(target, registry, input, ctx.signal),
    'models.registerRemote': (input) => registry.registerRemote(input),
    'models.registerServingEndpoint': (input) => registry.registerServingEndpoint(input),
  };
}

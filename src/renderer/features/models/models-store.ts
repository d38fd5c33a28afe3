import { create } from 'zustand';
import type {
  BatchResult,
  Cohort,
  CompareResult,
  Job,
  MethodInput,
  MethodOutput,
  ModelInfo,
  PolicyResult,
  PolicyThresholds,
  Prediction,
  TrainJob,
  TrainSettingsInput,
} from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { validateRecord, type FeatureSpec, type FeatureValue, type FieldError, type ModelName } from '../../../shared/models/schema';
import { api } from '../../api/client';
import { isEnded } from '../../api/job-follow';
import { applyTrainProgress, needsResults } from './train-job-model';

export type FormValues = Record<string, string | boolean>;
export type SweepResult = MethodOutput<'models.sweep'>;
export type HeatResult = MethodOutput<'models.heatmap'>;

/** Form values (text for numbers, so typing is free) from a record or the schema's typical values. */
export function formFrom(features: FeatureSpec[], record?: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const f of features) {
    const v = record?.[f.name] ?? f.typical;
    out[f.name] = f.type === 'boolean' ? v === true : String(v);
  }
  return out;
}

/** Field errors keyed by feature name, from the shared validator or a server INVALID_INPUT. */
export function fieldErrors(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A Databricks connection profile a serving endpoint can authenticate with (no secret). */
export interface ServingProfile {
  id: string;
  name: string;
  host: string;
}

interface ModelsState {
  models: ModelInfo[];
  profiles: ServingProfile[];
  selectedId: string | null;
  form: FormValues;
  errors: Record<string, string>;
  prediction: Prediction | null;
  sampleNote: string | null;
  job: TrainJob | null;
  busy: string | null;
  error: string | null;
  sweep: SweepResult | null;
  /** The swept feature's value in the form when the sweep ran (marked on the curve). */
  sweepCurrent: FeatureValue | null;
  heat: HeatResult | null;
  batch: BatchResult | null;
  /** The version that scored `batch`. */
  batchModelId: string | null;
  compare: CompareResult | null;
  policy: PolicyResult | null;
  load(): Promise<void>;
  select(id: string): void;
  setField(name: string, value: string | boolean): void;
  train(): Promise<void>;
  /** Trains a new version of one model with changed settings; it is selected when done. */
  retrain(model: ModelName, settings: TrainSettingsInput): Promise<void>;
  cancelTraining(): Promise<void>;
  onJob(job: TrainJob): void;
  /** Follows job.progressed: moves the shown training, and reads its results when it saved a model or ended. */
  onJobProgress(job: Job): void;
  predict(): Promise<void>;
  sample(transactionId?: string): Promise<void>;
  runSweep(feature: string, points: number): Promise<void>;
  runHeat(fx: string, fy: string, size: number): Promise<void>;
  scoreBatch(cohort: Cohort, saveAs?: string): Promise<void>;
  runCompare(a: string, b: string, cohort: Cohort): Promise<void>;
  runPolicy(where: string, limit: number, thresholds: PolicyThresholds, models: Partial<Record<ModelName, string>>): Promise<void>;
  registerRemote(input: {
    name: string;
    url: string;
    schemaOf: ModelInfo['schemaOf'];
    format: 'dataframe_records' | 'dataframe_split';
    token?: string;
    timeoutMs: number;
  }): Promise<void>;
  loadProfiles(): Promise<void>;
  registerServing(input: MethodInput<'models.registerServingEndpoint'>): Promise<void>;
}

export const selectedModel = (s: Pick<ModelsState, 'models' | 'selectedId'>): ModelInfo | undefined =>
  s.models.find((m) => m.id === s.selectedId);

/** The model sandbox: registry, the form, and the results of each tool. */
export const useModelsStore = create<ModelsState>((set, get) => {
  /** Validates the form against the selected model's schema; null (and field messages) when invalid. */
  const validRecord = () => {
    const m = selectedModel(get());
    if (!m) return null;
    const v = validateRecord(m.features, get().form);
    if (!v.ok) {
      set({ errors: fieldErrors(v.errors), prediction: null });
      return null;
    }
    set({ errors: {} });
    return v.value;
  };
  const guard = async (what: string, work: () => Promise<void>) => {
    set({ busy: what, error: null });
    try {
      await work();
    } catch (e) {
      if (e instanceof AppError && Array.isArray(e.details) && e.details.length && (e.details[0] as FieldError).field !== undefined) {
        set({ errors: fieldErrors(e.details as FieldError[]) });
      }
      set({ error: message(e) });
    } finally {
      set({ busy: null });
    }
  };
  const startTraining = (input: MethodInput<'models.train'>) =>
    guard('train', async () => {
      const { jobId } = await api.call('models.train', input);
      // A short training may have ended (and been shown) before this answer came back.
      if (get().job?.id === jobId) return;
      set({
        job: {
          id: jobId,
          state: 'running',
          models: input.models ?? [],
          startedAt: new Date().toISOString(),
          finishedAt: null,
          progress: { message: 'Starting', done: 0, total: input.models?.length ?? null },
          error: null,
          results: [],
        },
      });
    });
  return {
    models: [],
    profiles: [],
    selectedId: null,
    form: {},
    errors: {},
    prediction: null,
    sampleNote: null,
    job: null,
    busy: null,
    error: null,
    sweep: null,
    sweepCurrent: null,
    heat: null,
    batch: null,
    batchModelId: null,
    compare: null,
    policy: null,
    async load() {
      await guard('load', async () => {
        const { models } = await api.call('models.list', {});
        const { jobs } = await api.call('models.jobs', {});
        const keep = get().selectedId && models.some((m) => m.id === get().selectedId);
        set({ models, job: jobs[0] ?? get().job });
        if (!keep && models[0]) get().select(models[0].id);
      });
    },
    select(id) {
      const m = get().models.find((x) => x.id === id);
      const previous = selectedModel(get());
      const sameKind = previous && m && previous.schemaOf === m.schemaOf;
      set({
        selectedId: id,
        form: m ? formFrom(m.features, sameKind ? (get().form as Record<string, unknown>) : undefined) : {},
        errors: {},
        prediction: null,
        sweep: null,
        heat: null,
        error: null,
      });
    },
    setField(name, value) {
      set({ form: { ...get().form, [name]: value }, errors: { ...get().errors, [name]: '' } });
    },
    async train() {
      await startTraining({});
    },
    async retrain(model, settings) {
      await startTraining({ models: [model], settings });
    },
    async cancelTraining() {
      const job = get().job;
      if (job) await api.call('jobs.cancel', { id: job.id });
    },
    onJob(job) {
      set({ job });
      if (job.state === 'succeeded' && job.models.length === 1 && job.results.length === 1) {
        // A retrain of one model: show the version it made.
        const id = job.results[0]!.id;
        void get()
          .load()
          .then(() => get().select(id));
      } else if (isEnded(job) || job.results.length) void get().load();
    },
    onJobProgress(event) {
      const shown = applyTrainProgress(get().job, event);
      if (shown !== get().job) set({ job: shown });
      if (!needsResults(shown, event)) return;
      void api.call('models.jobs', {}).then(
        ({ jobs }) => {
          const train = jobs.find((j) => j.id === event.id);
          if (train) get().onJob(train);
        },
        (e: unknown) => set({ error: message(e) }),
      );
    },
    async predict() {
      const record = validRecord();
      if (!record) return;
      await guard('predict', async () => {
        const r = await api.call('models.predict', { model: get().selectedId!, records: [record], explain: true });
        set({ prediction: r.predictions[0] ?? null });
      });
    },
    async sample(transactionId) {
      await guard('sample', async () => {
        const r = await api.call('models.sampleRow', { model: get().selectedId!, transactionId: transactionId || undefined });
        const m = selectedModel(get())!;
        set({
          form: formFrom(m.features, r.record),
          errors: {},
          sampleNote: `Loaded ${r.transactionId}${r.actual ? ` (actual: ${r.actual})` : ''}`,
        });
        await get().predict();
      });
    },
    async runSweep(feature, points) {
      const record = validRecord();
      if (!record) return;
      await guard('sweep', async () =>
        set({
          sweep: await api.call('models.sweep', { model: get().selectedId!, record, feature, points }),
          sweepCurrent: record[feature] ?? null,
        }),
      );
    },
    async runHeat(featureX, featureY, size) {
      const record = validRecord();
      if (!record) return;
      await guard('heat', async () =>
        set({ heat: await api.call('models.heatmap', { model: get().selectedId!, record, featureX, featureY, size }) }),
      );
    },
    async scoreBatch(cohort, saveAs) {
      await guard('batch', async () =>
        set({
          batch: await api.call('models.scoreBatch', { model: get().selectedId!, cohort, saveAs: saveAs || undefined }),
          batchModelId: get().selectedId,
        }),
      );
    },
    async runCompare(a, b, cohort) {
      await guard('compare', async () => set({ compare: await api.call('models.compare', { a, b, cohort }) }));
    },
    async runPolicy(where, limit, thresholds, models) {
      await guard('policy', async () => set({ policy: await api.call('models.policy', { where, limit, thresholds, models }) }));
    },
    async registerRemote(input) {
      await guard('remote', async () => {
        const m = await api.call('models.registerRemote', input);
        await get().load();
        get().select(m.id);
      });
    },
    async loadProfiles() {
      try {
        const { profiles } = await api.call('warehouse.listProfiles', {});
        set({ profiles: profiles.map((p) => ({ id: p.id, name: p.name, host: p.host })) });
      } catch (e) {
        set({ error: message(e) });
      }
    },
    async registerServing(input) {
      await guard('remote', async () => {
        const m = await api.call('models.registerServingEndpoint', input);
        await get().load();
        get().select(m.id);
      });
    },
  };
});

import type { TrainJob, TrainSettingsInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { hasEnded } from '../../shared/jobs/state';
import type { ModelName } from '../../shared/models/schema';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { ModelRegistry } from './registry';
import { JobRegistry, type JobContext } from '../jobs/job-registry';
import { resolveSettings, trainModel } from './trainer';

/**
 * Training as background jobs: one at a time, models trained in turn, progress and state pushed as the
 * `models.train` job's job.progressed (`done` counts models, fractional mid-model; `total` the models), cancellable
 * between boosting rounds with jobs.cancel. Finished models land in the registry; `models.jobs` gives each job's results.
 */
export class TrainingJobs {
  private readonly jobs: TrainJob[] = [];
  private readonly done = new Map<string, Promise<TrainJob>>();

  constructor(
    private readonly engine: Engine,
    private readonly registry: ModelRegistry,
    events: EventBus,
    private readonly background: JobRegistry = new JobRegistry(events),
  ) {}

  /** Starts training as a job; while one runs, starting again answers with the running job (single-flight). */
  start(models: ModelName[], holdoutFraction: number, settings?: TrainSettingsInput): TrainJob {
    if (settings?.features && models.length !== 1) {
      throw new AppError('INVALID_INPUT', 'Choose features for one model at a time (each model has its own features).');
    }
    for (const model of models) resolveSettings(model, settings);
    const running = this.jobs.find((j) => !hasEnded(j.state));
    if (running) return { ...running, results: [...running.results] };
    const job: TrainJob = {
      id: '',
      state: 'running',
      models,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: { message: 'Starting', done: 0, total: models.length },
      error: null,
      results: [],
    };
    let finished: Promise<TrainJob> = Promise.resolve(job);
    this.background.start({ kind: 'models.train', message: 'Starting', total: models.length }, async (ctx) => {
      job.id = ctx.id;
      this.jobs.unshift(job);
      finished = this.run(job, holdoutFraction, ctx, settings);
      const ended = await finished;
      if (ended.state === 'failed') throw new AppError('INTERNAL', ended.error ?? 'Training failed.');
      return ended;
    });
    this.done.set(job.id, finished);
    return { ...job, results: [] };
  }

  private async run(job: TrainJob, holdoutFraction: number, ctx: JobContext, settings?: TrainSettingsInput): Promise<TrainJob> {
    const { signal } = ctx;
    /** The training and its job move together: one progress, the registry's. */
    const report = (step: { done: number; message: string }) => {
      job.progress = { ...job.progress, ...step };
      ctx.progress(step);
    };
    try {
      for (const [index, model] of job.models.entries()) {
        const trained = await trainModel(this.engine, model, {
          holdoutFraction,
          settings,
          signal,
          progress: (_stage, fraction, message) => report({ done: index + fraction, message: `${model}: ${message}` }),
        });
        if (signal.aborted) throw new AppError('CANCELLED', 'Training was cancelled.');
        const saved = await this.registry.save(trained);
        job.results.push({
          model,
          id: saved.id,
          version: saved.version!,
          accuracy: saved.metrics!.accuracy,
          seconds: saved.trainingSeconds ?? 0,
        });
        report({ done: index + 1, message: `${model}: saved ${saved.id}` });
      }
      job.state = 'succeeded';
      job.progress = { ...job.progress, done: job.models.length, message: `Trained ${job.results.map((r) => r.id).join(', ')}` };
    } catch (error) {
      const cancelled = signal.aborted || (error instanceof AppError && error.code === 'CANCELLED');
      job.state = cancelled ? 'cancelled' : 'failed';
      job.error = cancelled ? null : error instanceof Error ? error.message : String(error);
      job.progress = {
        ...job.progress,
        message: cancelled ? 'Cancelled; models finished before the cancel were kept.' : `Failed: ${job.error}`,
      };
    } finally {
      job.finishedAt = new Date().toISOString();
      // The job's last event carries this progress (the registry pushes the end state with the latest progress).
      ctx.progress(job.progress);
    }
    return job;
  }

  list(): TrainJob[] {
    return this.jobs.map((j) => ({ ...j, results: [...j.results] }));
  }

  /** Resolves when the job ends (for the CLI and tests). */
  wait(id: string): Promise<TrainJob> {
    const p = this.done.get(id);
    if (!p) throw new AppError('NOT_FOUND', `There is no training job ${id}.`);
    return p;
  }

  cancelAll(): void {
    for (const j of this.jobs) if (!hasEnded(j.state)) this.background.cancel(j.id);
  }
}

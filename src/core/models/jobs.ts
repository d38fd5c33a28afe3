import type { TrainJob } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { ModelName } from '../../shared/models/schema';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { ModelRegistry } from './registry';
import { trainModel } from './trainer';

/**
 * Training as background jobs: one at a time, models trained in turn, progress and state
 * pushed as events, cancellable between boosting rounds. Finished models land in the registry.
 */
export class TrainingJobs {
  private readonly jobs: TrainJob[] = [];
  private readonly controllers = new Map<string, AbortController>();
  private readonly done = new Map<string, Promise<TrainJob>>();
  private counter = 0;

  constructor(
    private readonly engine: Engine,
    private readonly registry: ModelRegistry,
    private readonly events: EventBus,
  ) {}

  start(models: ModelName[], holdoutFraction: number): TrainJob {
    const running = this.jobs.find((j) => j.status === 'running');
    if (running) throw new AppError('CONFLICT', `A training job is already running (${running.id}); wait for it or cancel it first.`);
    const job: TrainJob = {
      id: `train-${Date.now().toString(36)}-${++this.counter}`,
      status: 'running',
      models,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      fraction: 0,
      message: 'Starting',
      error: null,
      results: [],
    };
    this.jobs.unshift(job);
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    this.events.emit('models.jobChanged', { ...job });
    this.done.set(job.id, this.run(job, holdoutFraction, controller.signal));
    return job;
  }

  private async run(job: TrainJob, holdoutFraction: number, signal: AbortSignal): Promise<TrainJob> {
    try {
      for (const [index, model] of job.models.entries()) {
        const share = 1 / job.models.length;
        const trained = await trainModel(this.engine, model, {
          holdoutFraction,
          signal,
          progress: (stage, fraction, message) => {
            job.fraction = (index + fraction) * share;
            job.message = `${model}: ${message}`;
            this.events.emit('models.trainProgress', { jobId: job.id, model, stage, fraction: job.fraction, message: job.message });
          },
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
        this.events.emit('models.jobChanged', { ...job, results: [...job.results] });
      }
      job.status = 'done';
      job.fraction = 1;
      job.message = `Trained ${job.results.map((r) => r.id).join(', ')}`;
    } catch (error) {
      const cancelled = signal.aborted || (error instanceof AppError && error.code === 'CANCELLED');
      job.status = cancelled ? 'cancelled' : 'failed';
      job.error = cancelled ? null : error instanceof Error ? error.message : String(error);
      job.message = cancelled ? 'Cancelled; models finished before the cancel were kept.' : `Failed: ${job.error}`;
    } finally {
      job.finishedAt = new Date().toISOString();
      this.controllers.delete(job.id);
      this.events.emit('models.jobChanged', { ...job, results: [...job.results] });
    }
    return job;
  }

  cancel(id: string): boolean {
    const c = this.controllers.get(id);
    c?.abort();
    return Boolean(c);
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
    for (const c of this.controllers.values()) c.abort();
  }
}

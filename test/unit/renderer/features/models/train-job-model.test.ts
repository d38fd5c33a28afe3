import { describe, expect, it } from 'vitest';
import type { Job, TrainJob } from '../../../../../src/shared/api';
import { applyTrainProgress, needsResults } from '../../../../../src/renderer/features/models/train-job-model';
import { progressFraction } from '../../../../../src/shared/jobs/progress';

const job = (id: string, state: Job['state'], done: number, message = 'approval_propensity: Boosting round 3'): Job => ({
  id,
  kind: 'models.train',
  key: 'models.train',
  state,
  progress: { message, done, total: 2 },
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: state === 'running' ? null : '2026-01-01T00:00:09Z',
  error: state === 'failed' ? 'no payments_enriched_silver table yet' : state === 'cancelled' ? 'Cancelled' : null,
});

const shown = (id: string, state: TrainJob['state'], results: TrainJob['results'] = []): TrainJob => ({
  id,
  state,
  models: ['approval_propensity', 'risk_scoring'],
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  progress: { message: 'Starting', done: 0, total: 2 },
  error: null,
  results,
});

describe('applyTrainProgress', () => {
  it('moves the shown training by done / total and keeps what the event does not carry', () => {
    const next = applyTrainProgress(shown('a', 'running'), job('a', 'running', 0.5))!;
    expect(next).toMatchObject({
      id: 'a',
      state: 'running',
      progress: { done: 0.5, total: 2, message: 'approval_propensity: Boosting round 3' },
    });
    expect(progressFraction(next.progress)).toBe(0.25);
    expect(next.models).toEqual(['approval_propensity', 'risk_scoring']);
  });

  it("shows the job's own state word (one vocabulary for every job), with the error only when it failed", () => {
    expect(applyTrainProgress(shown('a', 'running'), job('a', 'queued', 0))).toMatchObject({ state: 'queued' });
    expect(applyTrainProgress(shown('a', 'running'), job('a', 'succeeded', 2, 'Trained x'))).toMatchObject({
      state: 'succeeded',
      progress: { done: 2, total: 2 },
    });
    expect(applyTrainProgress(shown('a', 'running'), job('a', 'cancelled', 1))).toMatchObject({ state: 'cancelled', error: null });
    expect(applyTrainProgress(shown('a', 'running'), job('a', 'failed', 0))).toMatchObject({
      state: 'failed',
      error: 'no payments_enriched_silver table yet',
    });
  });

  it('never moves an ended training back to running, and ignores other kinds and other jobs while one runs', () => {
    const ended = shown('a', 'cancelled');
    expect(applyTrainProgress(ended, job('a', 'running', 1))).toBe(ended);
    const running = shown('a', 'running');
    expect(applyTrainProgress(running, job('b', 'running', 1))).toBe(running);
    expect(applyTrainProgress(running, { ...job('a', 'running', 1), kind: 'warehouse.pull' })).toBe(running);
  });

  it('adopts a training started elsewhere (the CLI, another window) when none is running here', () => {
    expect(applyTrainProgress(null, job('b', 'running', 1))).toMatchObject({ id: 'b', state: 'running', progress: { done: 1, total: 2 } });
    expect(applyTrainProgress(shown('a', 'succeeded'), job('b', 'running', 1))).toMatchObject({ id: 'b', results: [] });
  });
});

describe('needsResults', () => {
  it('asks for results when the training ended or saved a model it does not list yet', () => {
    const result = { model: 'approval_propensity' as const, id: 'approval_propensity@v2', version: 2, accuracy: 0.9, seconds: 1 };
    expect(needsResults(shown('a', 'running'), job('a', 'running', 0.7))).toBe(false);
    expect(needsResults(shown('a', 'running'), job('a', 'running', 1.1))).toBe(true);
    expect(needsResults(shown('a', 'running', [result]), job('a', 'running', 1.1))).toBe(false);
    expect(needsResults(shown('a', 'succeeded'), job('a', 'succeeded', 2))).toBe(true);
    expect(needsResults(shown('a', 'running'), job('b', 'succeeded', 2))).toBe(false);
  });
});

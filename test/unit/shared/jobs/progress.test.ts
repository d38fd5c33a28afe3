import { describe, expect, it } from 'vitest';
import { progressFraction } from '../../../../src/shared/jobs/progress';

describe('progressFraction', () => {
  it('reads how far a job has come from done / total, between 0 and 1', () => {
    expect(progressFraction({ message: 'approval_propensity: Boosting round 3', done: 1.5, total: 4 })).toBe(0.375);
    expect(progressFraction({ message: 'Trained', done: 4, total: 4 })).toBe(1);
    expect(progressFraction({ message: 'overshoot', done: 5, total: 4 })).toBe(1);
  });

  it('is 0 while the total is not known or empty (a live stream, a job that has not counted yet)', () => {
    expect(progressFraction({ message: 'Streaming', done: 1200, total: null })).toBe(0);
    expect(progressFraction({ message: 'Starting', done: 0, total: 0 })).toBe(0);
  });
});

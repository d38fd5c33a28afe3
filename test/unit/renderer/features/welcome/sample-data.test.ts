import { describe, expect, it } from 'vitest';
import { sampleProgress } from '../../../../../src/renderer/features/welcome/sample-data';

const event = (over: Partial<Parameters<typeof sampleProgress>[0]>) => ({
  mode: 'backfill' as const,
  state: 'running' as const,
  eventsDone: 0,
  eventsTotal: 300_000,
  message: null,
  ...over,
});

describe('sample-data progress', () => {
  it('follows the backfill: a fraction while running, done at the end', () => {
    expect(sampleProgress(event({ eventsDone: 150_000 }))).toEqual({ phase: 'running', fraction: 0.5 });
    expect(sampleProgress(event({ state: 'done', eventsDone: 300_000 }))).toEqual({ phase: 'done' });
  });

  it('ignores the live stream and reports a failed or cancelled load with a message', () => {
    expect(sampleProgress(event({ mode: 'live' }))).toBeNull();
    expect(sampleProgress(event({ state: 'failed', message: 'disk full' }))).toEqual({ phase: 'failed', message: 'disk full' });
    expect(sampleProgress(event({ state: 'cancelled' }))).toMatchObject({ phase: 'failed', message: expect.stringMatching(/cancelled/) });
  });
});

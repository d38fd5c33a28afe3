import { describe, expect, it } from 'vitest';
import { describeRun } from '../../../../src/renderer/stores/stream-status';

describe('status bar stream line', () => {
  it('says the stream is stopped when nothing runs', () => {
    expect(describeRun(undefined)).toBe('Stream: stopped');
  });

  it('shows a live stream with its speed and how far behind it is', () => {
    expect(
      describeRun({ mode: 'live', state: 'running', eventsDone: 5000, eventsTotal: null, eventsPerSecond: 1000.4, freshnessMs: 420 }),
    ).toBe('Stream: live · 1,000 events/s · 0.4 s behind');
    expect(describeRun({ mode: 'live', state: 'paused', eventsDone: 5000, eventsTotal: null, eventsPerSecond: 0, freshnessMs: null })).toBe(
      'Stream: paused',
    );
  });

  it('shows a backfill as a percentage', () => {
    expect(
      describeRun({ mode: 'backfill', state: 'running', eventsDone: 250, eventsTotal: 1000, eventsPerSecond: 50000, freshnessMs: null }),
    ).toBe('Backfill 25% · 50,000 events/s');
    expect(
      describeRun({ mode: 'backfill', state: 'done', eventsDone: 1000, eventsTotal: 1000, eventsPerSecond: 0, freshnessMs: null }),
    ).toBe('Backfill done');
  });
});

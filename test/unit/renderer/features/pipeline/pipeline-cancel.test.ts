import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StoreModule from '../../../../../src/renderer/features/pipeline/pipeline-store';

// Cancel right after Start, before the page's status has loaded (or while an older status answer is still on its way):
// the backfill's job id comes from Start's own answer, so Cancel always reaches jobs.cancel (a CI run once clicked
// Cancel in that window and the 20M-event backfill kept running).
const calls: [string, unknown][] = [];
const started = { jobId: 'b7', runKey: 'r7', state: 'running', eventsDone: 0, eventsTotal: 20_000_000, eventsPerSecond: 0, message: null };
let answerStatus: (() => void) | undefined;
const invoke = async (method: string, input: unknown) => {
  calls.push([method, input]);
  if (method === 'pipeline.startBackfill') return { ok: true, data: started };
  if (method === 'jobs.cancel') return { ok: true, data: { cancelled: true } };
  if (method === 'pipeline.status') {
    const layers = { bronze: 0, silver: 0, quarantine: 0, batches: 0, pendingRetries: 0 };
    // The status asked for when the page opened answers late, from before the backfill started; later reads see it cancelled.
    if (calls.filter(([m]) => m === 'pipeline.status').length === 1) {
      await new Promise<void>((resolve) => (answerStatus = resolve));
      return { ok: true, data: { live: null, backfill: null, layers } };
    }
    return { ok: true, data: { live: null, backfill: { ...started, state: 'cancelled', eventsDone: 1_000_000 }, layers } };
  }
  return { ok: false, error: { code: 'UNAVAILABLE', message: method } };
};

let store: typeof StoreModule.usePipelineStore;
beforeAll(async () => {
  vi.stubGlobal('window', { medallion: { invoke, on: () => () => undefined } });
  ({ usePipelineStore: store } = await import('../../../../../src/renderer/features/pipeline/pipeline-store'));
});
afterAll(() => vi.unstubAllGlobals());

describe('Pipeline page: Cancel right after Start', () => {
  it('cancels the backfill Start began, even when the page status has not loaded yet or answers late, and shows it ended', async () => {
    const loading = store.getState().load();
    await store.getState().startBackfill();
    answerStatus?.();
    await loading;
    await store.getState().cancelBackfill();
    expect(calls.filter(([m]) => m === 'jobs.cancel')).toEqual([['jobs.cancel', { id: 'b7' }]]);
    // No pushed event said so here: the status read after Cancel does, and the panel stops showing a running bar.
    expect(store.getState().status?.backfill?.state).toBe('cancelled');
  });
});

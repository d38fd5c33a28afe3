import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../../../src/shared/api';
import type * as StoreModule from '../../../../../src/renderer/features/pipeline/pipeline-store';
import type * as ViewModule from '../../../../../src/renderer/features/pipeline/pipeline-view';
import { redrawCounter, standInBridge } from '../../../../support/renderer-bridge';

// The Pipeline page during a live stream: core pushes pipeline.progressed every ~200 ms and kpis.changed per batch.
// Each panel subscribes to what it shows (docs/architecture.md, Renderer conventions), so the backfill form a user is
// typing in is not drawn again on every progress event, while the live panel follows each one.
const layers = (n: number) => ({ bronze: n, silver: n - 3, quarantine: 3, batches: Math.ceil(n / 100), pendingRetries: 0 });
const bridge = standInBridge({
  'pipeline.status': {
    live: null,
    backfill: { jobId: 'j1', runKey: 'r1', state: 'done', eventsDone: 5000, eventsTotal: 5000, eventsPerSecond: 0, message: null },
    layers: layers(5000),
  },
  'pipeline.expectations': { rows: [] },
  'pipeline.kpis': { totalTransactions: 4997, approvedCount: 4100, approvalRatePct: 82.05, newestEventAt: '2026-11-30T10:00:00Z' },
});

let store: typeof StoreModule.usePipelineStore;
let view: typeof ViewModule;
beforeAll(async () => {
  vi.stubGlobal('window', { medallion: { invoke: bridge.invoke, on: bridge.on } });
  ({ usePipelineStore: store } = await import('../../../../../src/renderer/features/pipeline/pipeline-store'));
  view = await import('../../../../../src/renderer/features/pipeline/pipeline-view');
  await store.getState().load();
});
afterAll(() => vi.unstubAllGlobals());

function liveTick(i: number): EventPayload<'pipeline.progressed'> {
  const done = 5000 + 200 * i;
  return {
    mode: 'live',
    state: 'running',
    runKey: 'live-1',
    eventsDone: 200 * i,
    eventsTotal: null,
    eventsPerSecond: 1000 + (i % 3),
    freshnessMs: 150 + i,
    layers: layers(done),
    message: null,
  };
}

describe('Pipeline page redraws during a live stream', () => {
  it('redraws the live panel on each progress event, the KPI panel per batch, and the backfill panel once', async () => {
    const off = store.getState().subscribe();
    const page = redrawCounter(store, view.pipelinePageView);
    const live = redrawCounter(store, view.livePanelView);
    const backfill = redrawCounter(store, view.backfillPanelView);
    const kpis = redrawCounter(store, (s) => s.kpis);
    const wholeStore = redrawCounter(store, (s) => s);
    for (let i = 1; i <= 25; i++) {
      bridge.emit('pipeline.progressed', liveTick(i));
      if (i % 5 === 0)
        bridge.emit('kpis.changed', { totalTransactions: 4997 + 200 * i, approvedCount: 4100, approvalRatePct: 80, newestEventAt: null });
    }
    await vi.waitFor(() => expect(store.getState().status?.layers.bronze).toBe(10_000));
    off();

    // The page redraws none of its panels: a parent that redrew would draw every child again.
    expect(page.count).toBe(0);
    expect(live.count).toBe(25);
    expect(kpis.count).toBe(5);
    // Once: when the stream starts, its "Start backfill" button is disabled; not again for the other 24 events.
    expect(backfill.count).toBe(1);
    // What a page subscribed to the whole store did: at least one redraw per pushed event.
    expect(wholeStore.count).toBeGreaterThanOrEqual(30);
    // The panels still show the stream: the last event's numbers and the status's layer counts.
    expect(view.livePanelView(store.getState())).toMatchObject({ liveState: 'running', streamed: 5000, freshnessMs: 175 });
    expect(view.backfillPanelView(store.getState())).toMatchObject({
      shown: true,
      state: 'done',
      done: 5000,
      total: 5000,
      liveStopped: false,
    });
  });

  it('a progress event changes only the progress and the layer counts of the status (pure)', () => {
    const status = { live: null, backfill: null, layers: layers(1) };
    const form = { events: 1, days: 1, seed: 1, rate: 1 };
    const next = view.withProgress({ status, form }, liveTick(1));
    expect(next.status).toEqual({ live: null, backfill: null, layers: layers(5200) });
    expect(next.status).not.toBe(status);
    expect(view.withProgress({ form }, liveTick(1)).status).toBeUndefined();
  });
});

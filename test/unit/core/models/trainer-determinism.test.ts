import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { trainModel } from '../../../../src/core/models/trainer';
import { fillWithReplayFixture } from '../../../support/replay-fixture';

// Above DuckDB's 122,880-row group size its joins run in parallel and return rows in any order;
// the crash drill compares a model trained after a crash with a clean one, which needs this.
describe('training is reproducible', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:', threads: 2 });
    await fillWithReplayFixture(engine, { events: 130_000 });
  }, 60_000);
  afterAll(() => engine.close());

  it('gives the same smart_routing model twice from the same silver', async () => {
    const options = { holdoutFraction: 0.2, signal: new AbortController().signal, progress: () => undefined };
    const first = await trainModel(engine, 'smart_routing', options);
    const second = await trainModel(engine, 'smart_routing', options);
    expect(JSON.stringify(second.artefact)).toBe(JSON.stringify(first.artefact));
    expect(second.metrics).toEqual(first.metrics);
  }, 60_000);
});

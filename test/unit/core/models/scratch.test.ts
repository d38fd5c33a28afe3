import { it } from 'vitest';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';
import { trainModel } from '../../../../src/core/models/trainer';
import { MODEL_NAMES } from '../../../../src/shared/models/schema';

it('scratch', async () => {
  const core = await createTestCore();
  const t0 = performance.now();
  await fillWithReplayFixture(core.engine, { events: Number(process.env.N ?? 200000), days: 14 });
  console.log('replay ms', performance.now() - t0);
  const c = await core.engine.query("select count(*), sum(is_retry::int), avg(is_approved::int) from payments_enriched_silver");
  console.log(c.rows);
  for (const m of MODEL_NAMES) {
    const ac = new AbortController();
    const r = await trainModel(core.engine, m, { holdoutFraction: 0.2, signal: ac.signal, progress: () => {} });
    console.log(m, r.trainingSeconds?.toFixed(1), JSON.stringify({ ...r.metrics, confusion: r.metrics?.confusion.matrix }), JSON.stringify(r.trainingWindow));
  }
  await core.dispose();
}, 600_000);

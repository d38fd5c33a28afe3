import { expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { replay } from '../../../../src/core/pipeline/replay';
import { GOLD_VIEWS } from '../../../../src/core/pipeline/schema';
it('creates', async () => {
  const e = await Engine.open({ path: ':memory:' });
  const t = performance.now();
  const s = await replay(e, { events: 300000, days: 30, seed: 7, incidents: [{ kind: 'processor_outage', target: 'ProcessorB', durationMinutes: 45 }] });
  console.log(s, performance.now() - t);
  for (const v of GOLD_VIEWS) { const t2 = performance.now(); const r = await e.query(`SELECT * FROM ${v}`); console.log(v, r.rows.length, (performance.now()-t2).toFixed(0), JSON.stringify(r.rows.slice(0, 3))); }
}, 120000);

import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { QuerySlots } from '../../../../src/core/engine/query-slots';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('QuerySlots', () => {
  it('runs at most `limit` at once and starts the waiting ones in arrival order', async () => {
    const slots = new QuerySlots(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const all = gates.map((g, i) =>
      slots.run(undefined, async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await g.promise;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('drops a cancelled waiter without running it and keeps the slot count right', async () => {
    const slots = new QuerySlots(1);
    const gate = deferred();
    const first = slots.run(undefined, () => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const second = slots.run(controller.signal, async () => {
      ran = true;
    });
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    // The slot came back: a new query runs at once.
    await expect(slots.run(undefined, async () => 'next')).resolves.toBe('next');
  });

  it('frees the slot when the work fails', async () => {
    const slots = new QuerySlots(1);
    await expect(slots.run(undefined, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(undefined, async () => 1)).resolves.toBe(1);
  });
});

describe('Engine query admission', () => {
  it('answers many more concurrent queries than slots, each correctly', async () => {
    const engine = await Engine.open({ path: ':memory:', maxConcurrentQueries: 2 });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => engine.query('SELECT $i::INTEGER * 2', { params: { i } })));
      expect(results.map((r) => r.rows[0]![0])).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    } finally {
      engine.close();
    }
  });
});

import { beforeAll, describe, expect, it, vi } from 'vitest';

// The preload is the only code the page can reach. Electron itself is replaced by a recorder (it
// cannot load outside Electron); the preload module under test is the real one.
const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, data: 42 });
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
  },
}));

interface Bridge {
  invoke(method: string, input: unknown, callId?: string): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
let bridge: Bridge;

beforeAll(async () => {
  await import('../../../src/preload/index');
  bridge = exposed.get('medallion') as Bridge;
});

const fire = (...args: unknown[]) => {
  for (const fn of listeners.get('medallion:event') ?? []) fn(...args);
};

describe('preload bridge (Electron checklist item 20)', () => {
  it('exposes one frozen object with only invoke and on', () => {
    expect([...exposed.keys()]).toEqual(['medallion']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('invoke goes over the one validated channel and nowhere else', async () => {
    await expect(bridge.invoke('engine.query', { sql: 'SELECT 42' }, 'c1')).resolves.toEqual({ ok: true, data: 42 });
    expect(invoked).toEqual([['medallion:invoke', 'engine.query', { sql: 'SELECT 42' }, 'c1']]);
  });

  it('on hands the page the payload only, never the IpcRendererEvent, and only for the named event', () => {
    const got: unknown[][] = [];
    const off = bridge.on('engine.changed', (...args: unknown[]) => got.push(args));
    const fakeEvent = { sender: { send: () => undefined }, ports: [] };
    fire(fakeEvent, 'engine.changed', { reason: 'x' });
    fire(fakeEvent, 'pipeline.progress', { step: 1 });
    expect(got).toEqual([[{ reason: 'x' }]]);
    off();
    fire(fakeEvent, 'engine.changed', { reason: 'y' });
    expect(got).toHaveLength(1);
    expect(listeners.get('medallion:event')?.size ?? 0).toBe(0);
  });
});

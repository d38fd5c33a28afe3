import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../src/shared/errors';
import { createTestCore } from '../../support/test-core';

// The IPC transport (Electron checklist item 17) against a real core: Electron's ipcMain is replaced
// by a recorder (Electron cannot load outside its binary); the handler under test is the real one.
type Handler = (event: { senderFrame: { url: string } | null; sender: unknown }, ...args: unknown[]) => Promise<ApiResult<unknown>>;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

let core: Awaited<ReturnType<typeof createTestCore>>;
let uninstall: () => void;
const sent: unknown[][] = [];
const printed: { sender: unknown; input: unknown }[] = [];
const SENDER = { id: 'the calling window' };

beforeAll(async () => {
  const { installIpcTransport } = await import('../../../src/main/ipc-transport');
  core = await createTestCore();
  const contents = { isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) };
  uninstall = installIpcTransport(core, () => [contents as never], {
    'app.printToPdf': async (sender, input) => {
      printed.push({ sender, input });
      return { ok: true, data: { path: '/chosen/x.pdf' } };
    },
  });
});
afterAll(async () => {
  uninstall();
  await core.dispose();
});

const invoke = (url: string | null, method: unknown, input: unknown) =>
  handlers.get('medallion:invoke')!({ senderFrame: url === null ? null : { url }, sender: SENDER }, method, input, 'call-1');

describe('IPC transport', () => {
  it('answers a call from the app window through the contract-validating dispatcher', async () => {
    await expect(invoke('app://workbench/index.html', 'engine.query', { sql: 'SELECT 42 AS n' })).resolves.toMatchObject({
      ok: true,
      data: { rows: [[42]] },
    });
    await expect(invoke('app://workbench/index.html', 'engine.query', { sql: 42 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(invoke('app://workbench/index.html', 'no.such', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it.each([['https://evil.example/'], ['file:///tmp/x.html'], ['app://workbench.evil/'], [null]])(
    'refuses a call from %s before it reaches core',
    async (url) => {
      const dispatch = vi.spyOn(core.dispatcher, 'dispatch');
      await expect(invoke(url, 'engine.query', { sql: 'SELECT 1' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(dispatch).not.toHaveBeenCalled();
      dispatch.mockRestore();
    },
  );

  it('answers app.printToPdf in main for the calling window, and only for the app window; core alone says it needs the desktop', async () => {
    await expect(invoke('app://workbench/index.html', 'app.printToPdf', { fileName: 'x.pdf' })).resolves.toEqual({
      ok: true,
      data: { path: '/chosen/x.pdf' },
    });
    expect(printed).toEqual([{ sender: SENDER, input: { fileName: 'x.pdf' } }]);
    await expect(invoke('https://evil.example/', 'app.printToPdf', { fileName: 'x.pdf' })).resolves.toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(printed).toHaveLength(1);
    // Browser mode and the CLI reach core directly: there is no window to print there.
    await expect(core.dispatcher.dispatch('app.printToPdf', { fileName: 'x.pdf' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('Print / Save as PDF') },
    });
  });

  it('forwards core events to the app windows', () => {
    core.events.emit('engine.changed', { reason: 'test', relations: ['t'] });
    expect(sent).toContainEqual(['medallion:event', 'engine.changed', { reason: 'test', relations: ['t'] }]);
  });
});

import { ipcMain, type WebContents } from 'electron';
import type { EngineApi } from '../core/host/engine-api';
import type { ApiResult } from '../shared/errors';
import { senderAllowed } from './app-origin';

/** Contract methods about the calling window itself, answered here in main (core has no window). */
type WindowMethodName = 'app.printToPdf';
export type WindowMethods = Partial<Record<WindowMethodName, (sender: WebContents, input: unknown) => Promise<ApiResult<unknown>>>>;

/**
 * The IPC transport: one handler that checks the sender, lets the dispatcher validate the
 * input against the contract, and always answers { ok, data } or { ok: false, error }.
 */
export function installIpcTransport(core: EngineApi, windows: () => WebContents[], windowMethods: WindowMethods = {}): () => void {
  ipcMain.handle('medallion:invoke', async (event, method: unknown, input: unknown, callId: unknown): Promise<ApiResult<unknown>> => {
    if (!senderAllowed(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app window.' } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'The method name must be a string.' } };
    const own = Object.hasOwn(windowMethods, method) ? windowMethods[method as WindowMethodName] : undefined;
    if (own) return own(event.sender, input);
    return core.dispatcher.dispatch(method, input, { callId: typeof callId === 'string' ? callId : undefined });
  });
  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send('medallion:event', name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler('medallion:invoke');
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '../core';
import { onStatementTimeout } from '../engine/statement-timeouts';
import { childChannel, type ChildChannel } from './child-channel';
import { PortClient } from './port-proxy';
import type { EngineChildInit, HostMessage } from './protocol';

/**
 * The engine child: core in a process of its own, started by an engine host (`medallion serve`,
 * the desktop's utility process). It answers `call` messages with the dispatcher's ApiResult and
 * forwards core's events, so a query that crashes or hangs this process leaves the host standing.
 */
export function runEngineChild(channel: ChildChannel): void {
  const ports = new PortClient(channel);
  const calls = new Map<number, AbortController>();
  let core: Core | undefined;
  let pending: HostMessage[] | undefined = [];
  // Which call a statement belongs to: its time-limit timer runs in the call's async context.
  const running = new AsyncLocalStorage<number>();
  onStatementTimeout(({ timeoutMs }) => {
    const id = running.getStore();
    if (id !== undefined) channel.send({ type: 'timeout', id, timeoutMs });
  });

  const handle = (message: HostMessage): void => {
    if (ports.handle(message)) return;
    if (message.type === 'init') return void open(message.init);
    if (pending) return void pending.push(message);
    if (!core) return;
    if (message.type === 'call') return void call(core, message.id, message.method, message.input, message.callId);
    if (message.type === 'abort') return calls.get(message.id)?.abort();
    if (message.type === 'ping') return channel.send({ type: 'pong', id: message.id });
    if (message.type === 'download') {
      const file = message.op === 'get' ? core.downloads.get(message.downloadId) : core.downloads.remove(message.downloadId);
      const reply = file ? { id: file.id, path: file.path, fileName: file.fileName, contentType: file.contentType } : null;
      return channel.send({ type: 'download-reply', id: message.id, file: reply });
    }
    if (message.type === 'close') void close(core);
  };

  async function open(init: EngineChildInit): Promise<void> {
    try {
      const { createCore } = await import('../core');
      core = await createCore({
        mode: init.mode,
        databasePath: init.databasePath,
        userDataDir: init.userDataDir,
        threads: init.threads,
        memoryLimit: init.memoryLimit,
        secrets: init.proxySecrets ? ports.secrets(init.proxySecrets.protectedAtRest) : undefined,
        dialogs: init.proxyDialogs ? ports.dialogs() : undefined,
      });
    } catch (error) {
      channel.send({ type: 'failed', error: { code: 'UNAVAILABLE', message: (error as Error).message } });
      process.exit(1);
    }
    core.events.subscribe((name, payload) => channel.send({ type: 'event', name, payload }));
    channel.send({ type: 'ready', pid: process.pid });
    const queued = pending ?? [];
    pending = undefined;
    for (const message of queued) handle(message);
  }

  async function call(c: Core, id: number, method: string, input: unknown, callId?: string): Promise<void> {
    const controller = new AbortController();
    calls.set(id, controller);
    try {
      const result = await running.run(id, () => c.dispatcher.dispatch(method, input, { callId, signal: controller.signal }));
      channel.send({ type: 'result', id, result });
    } finally {
      calls.delete(id);
    }
  }

  async function close(c: Core): Promise<void> {
    await c.close().catch(() => undefined);
    channel.send({ type: 'closed' });
    process.exit(0);
  }

  channel.onMessage(handle);
  // The host went away (fork IPC closed): nothing is left to answer to.
  process.on('disconnect', () => process.exit(0));
  // Ctrl+C in a terminal reaches the whole process group: the host closes core in order instead.
  process.on('SIGINT', () => undefined);
}

const channel = childChannel();
if (channel) runEngineChild(channel);

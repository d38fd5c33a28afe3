import type { ChildMessage, HostMessage } from './protocol';

/** The child's end of the channel: Node's fork IPC (`process.send`) or Electron's utility-process port. */
export interface ChildChannel {
  send(message: ChildMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** The channel this process was started with, or undefined when it was not started as an engine child. */
export function childChannel(): ChildChannel | undefined {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      // Structured clone refuses functions; a JSON round trip gives the same shapes as HTTP.
      send: (message) => parentPort.postMessage(JSON.parse(JSON.stringify(message)) as unknown),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostMessage)),
    };
  }
  if (typeof process.send === 'function') {
    return {
      send: (message) => void process.send?.(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as HostMessage)),
    };
  }
  return undefined;
}

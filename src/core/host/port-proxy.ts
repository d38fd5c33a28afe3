import type { DialogPort, FileFilter, SecretStore } from '../ports';
import type { ChildChannel } from './child-channel';
import type { HostMessage } from './protocol';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/**
 * The child's view of the host's ports: secrets (Electron safeStorage) and save dialogs stay in
 * the host process, and the child asks for them over the channel.
 */
export class PortClient {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly channel: ChildChannel) {}

  /** Settles the request a `port-reply` answers; true when the message was one. */
  handle(message: HostMessage): boolean {
    if (message.type !== 'port-reply') return false;
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(message.message));
    return true;
  }

  request(port: 'secrets' | 'dialogs', op: string, args: unknown[]): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.channel.send({ type: 'port', id, port, op, args });
    });
  }

  secrets(protectedAtRest: boolean): SecretStore {
    return {
      protectedAtRest,
      get: async (key) => (await this.request('secrets', 'get', [key])) as string | undefined,
      set: async (key, value) => void (await this.request('secrets', 'set', [key, value])),
      delete: async (key) => void (await this.request('secrets', 'delete', [key])),
    };
  }

  dialogs(): DialogPort {
    return {
      chooseSavePath: async (defaultName: string, filters: FileFilter[]) =>
        (await this.request('dialogs', 'chooseSavePath', [defaultName, filters])) as string | undefined,
    };
  }
}

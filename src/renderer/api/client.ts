import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api';
import { appErrorFrom } from '../../shared/errors';
import { httpTransport, takeToken } from './http-transport';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';

export interface CallOptions {
  /** Aborting cancels the call on the core side too (app.cancel). */
  signal?: AbortSignal;
}

/** The one typed client: components and stores call core only through it. */
export class ApiClient {
  /** Numbers this client's call ids (per client, not module state). */
  private calls = 0;

  constructor(private readonly transport: Transport) {}

  private nextCallId(): string {
    return `${Date.now().toString(36)}-${(this.calls++).toString(36)}`;
  }

  /** How this client reaches core ('ipc' in the desktop app, 'http' in a browser): ask it, do not probe. */
  get transportKind(): Transport['kind'] {
    return this.transport.kind;
  }

  /** Calls a method; resolves with its output or throws an AppError with the code and message. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>, options: CallOptions = {}): Promise<MethodOutput<M>> {
    const callId = this.nextCallId();
    const onAbort = () => void this.transport.invoke('app.cancel', { callId }, this.nextCallId());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.transport.invoke(method, input, callId, options.signal);
      if (!result.ok) throw appErrorFrom(result.error);
      return result.data as MethodOutput<M>;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A link to a file core prepared for download, or undefined where there is no HTTP server. */
  downloadUrl(path: string): string | undefined {
    return this.transport.downloadUrl?.(path);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.on(event, listener as (payload: unknown) => void);
  }
}

function pickTransport(): Transport {
  if (typeof window !== 'undefined' && window.medallion) return ipcTransport(window.medallion);
  return httpTransport(takeToken());
}

export const api = new ApiClient(pickTransport());

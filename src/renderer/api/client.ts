import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api';
import { appErrorFrom } from '../../shared/errors';
import { httpTransport, takeToken } from './http-transport';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';

export interface CallOptions {
  /** Aborting cancels the call on the core side too (app.cancel). */
  signal?: AbortSignal;
}

let counter = 0;
const nextCallId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** The one typed client: components and stores call core only through it. */
export class ApiClient {
  constructor(private readonly transport: Transport) {}

  get transportKind(): Transport['kind'] {
    return this.transport.kind;
  }

  /** Calls a method; resolves with its output or throws an AppError with the code and message. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>, options: CallOptions = {}): Promise<MethodOutput<M>> {
    const callId = nextCallId();
    const onAbort = () => void this.transport.invoke('app.cancel', { callId }, nextCallId());
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

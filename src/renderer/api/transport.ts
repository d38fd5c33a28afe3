import type { ApiResult } from '../../shared/errors';

/** How the client reaches core: IPC in Electron, HTTP + WebSocket in a browser. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(method: string, input: unknown, callId: string, signal?: AbortSignal): Promise<ApiResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** A URL a plain link can fetch a server file from (HTTP only; IPC has no server). */
  downloadUrl?(path: string): string;
}

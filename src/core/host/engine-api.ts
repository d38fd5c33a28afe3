import type { DispatchOptions } from '../api/dispatcher';
import type { EventName } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import type { DownloadFile } from './protocol';

/** Where the server's download route finds a finished export: a path on this machine, served once. */
export interface DownloadSource {
  get(id: string): DownloadFile | undefined | Promise<DownloadFile | undefined>;
  remove(id: string): void;
}

/**
 * What a transport (HTTP server, IPC) needs of the engine: core itself in this process, or an
 * engine host that forwards to core in a child process. Both answer the same way.
 */
export interface EngineApi {
  readonly dispatcher: { dispatch(method: string, input: unknown, options?: DispatchOptions): Promise<ApiResult<unknown>> };
  readonly events: { subscribe(listener: (name: EventName, payload: unknown) => void): () => void };
  readonly downloads: DownloadSource;
}

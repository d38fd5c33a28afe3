import type { AppInfo } from '../../shared/api';
import type { ApiError, ApiResult } from '../../shared/errors';

/**
 * The one message protocol between an engine host (the server, the desktop's main process) and
 * the engine child that runs core. Every message is a plain JSON-able object with a `type`.
 */

/** What the child needs to open core; sent once, as the first message. */
export interface EngineChildInit {
  databasePath: string;
  userDataDir?: string;
  mode: AppInfo['mode'];
  threads?: number;
  /** DuckDB's memory limit for the engine's instance, e.g. '1GB'. */
  memoryLimit?: string;
  /** Secrets are kept by the host (Electron safeStorage) and asked for over the channel. */
  proxySecrets?: { protectedAtRest: boolean };
  /** Save dialogs are shown by the host and asked for over the channel. */
  proxyDialogs?: boolean;
}

/** Host → child. */
export type HostMessage =
  | { type: 'init'; init: EngineChildInit }
  | { type: 'call'; id: number; method: string; input: unknown; callId?: string }
  | { type: 'abort'; id: number }
  | { type: 'download'; id: number; op: 'get' | 'remove'; downloadId: string }
  | { type: 'port-reply'; id: number; ok: true; value: unknown }
  | { type: 'port-reply'; id: number; ok: false; message: string }
  | { type: 'ping'; id: number }
  | { type: 'close' };

/** A file core wrote for the browser to fetch (an export), as the host sees it: a path, never a stream. */
export interface DownloadFile {
  id: string;
  path: string;
  fileName: string;
  contentType: string;
}

/** Child → host. */
export type ChildMessage =
  | { type: 'ready'; pid: number }
  | { type: 'failed'; error: ApiError }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'download-reply'; id: number; file: DownloadFile | null }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'port'; id: number; port: 'secrets' | 'dialogs'; op: string; args: unknown[] }
  | { type: 'pong'; id: number }
  /** The statement of call `id` reached its time limit and was interrupted; the host watches that it ends. */
  | { type: 'timeout'; id: number; timeoutMs: number }
  | { type: 'closed' };

/** The methods a host port answers; anything else from the child is refused. */
export const PORT_OPS = {
  secrets: ['get', 'set', 'delete'],
  dialogs: ['chooseSavePath'],
} as const;

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isHostMessage(value: unknown): value is HostMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

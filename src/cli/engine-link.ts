import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { defaultDatabasePath } from '../core/paths';
import type { Handshake } from '../server/engine-handshake';
import { handshakePath } from '../server/engine-handshake-path';
import type { MethodInput, MethodName, MethodOutput } from '../shared/api';
import { AppError, appErrorFrom, type ApiResult } from '../shared/errors';

/** How a command reaches the engine: in this process, or over the running `medallion serve` that holds the database. */
export type EngineLink<Local> =
  | { kind: 'local'; local: Local; close(): Promise<void> }
  | {
      kind: 'remote';
      url: string;
      pid: number;
      call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
      close(): Promise<void>;
    };

/**
 * Opens the database for a command. When `medallion serve` holds it (its handshake file is next to
 * the database and it answers), the command talks to it over HTTP; when another process holds the
 * lock, the error says which one and what to do, instead of DuckDB's raw lock error.
 */
export async function openEngineLink<Local extends { close(): unknown }>(
  db: string | undefined,
  openLocal: () => Promise<Local>,
): Promise<EngineLink<Local>> {
  const databasePath = db ? resolve(db) : defaultDatabasePath();
  // The handshake reader (and zod with it) loads only when a server has left its file next to the database.
  const running = existsSync(handshakePath(databasePath))
    ? (await import('../server/engine-handshake')).readHandshake(databasePath)
    : undefined;
  if (running && (await answers(running))) return remoteLink(running);
  try {
    const local = await openLocal();
    return { kind: 'local', local, close: async () => void (await local.close()) };
  } catch (error) {
    throw lockError(error, databasePath, running) ?? error;
  }
}

/** Turns DuckDB's "Could not set lock on file … Conflicting lock is held in … (PID n)" into a plain message. */
export function lockError(error: unknown, databasePath: string, running?: Handshake): AppError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock|Conflicting lock/i.test(message)) return undefined;
  const pid = Number(/PID (\d+)/.exec(message)?.[1] ?? running?.pid ?? NaN);
  const who = Number.isFinite(pid) ? `process ${pid}${describeProcess(pid)}` : 'another process';
  const reach = running
    ? ` It is a medallion server on http://127.0.0.1:${running.port}/ that did not answer; wait for it or stop it.`
    : ' If it is the desktop app or `medallion serve`, close it (or, for the server, restart it so commands can talk to it); otherwise stop that process.';
  return new AppError(
    'UNAVAILABLE',
    `The database ${databasePath} is in use by ${who}.${reach} Or pass --db PATH to work on another database file.`,
    {
      details: { pid: Number.isFinite(pid) ? pid : null, databasePath },
    },
  );
}

function describeProcess(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const shown = cmd
      .slice(0, 4)
      .map((part) => basename(part))
      .map((part) => (part.length > 40 ? `${part.slice(0, 40)}…` : part))
      .join(' ');
    return shown ? ` (${shown.slice(0, 120)})` : '';
  } catch {
    return '';
  }
}

async function answers(h: Handshake): Promise<boolean> {
  try {
    const r = await fetch(`http://127.0.0.1:${h.port}/api/health`, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

function remoteLink<Local>(h: Handshake): EngineLink<Local> {
  const base = `http://127.0.0.1:${h.port}`;
  return {
    kind: 'remote',
    url: base,
    pid: h.pid,
    async call(method, input) {
      let r: Response;
      try {
        r = await fetch(`${base}/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}` },
          body: JSON.stringify(input),
        });
      } catch (error) {
        throw new AppError(
          'UNAVAILABLE',
          `The running medallion server (PID ${h.pid}, ${base}) stopped answering: ${(error as Error).message}`,
        );
      }
      const body = (await r.json()) as ApiResult<MethodOutput<typeof method>>;
      if (!body.ok) throw appErrorFrom(body.error);
      return body.data;
    },
    close: async () => undefined,
  };
}

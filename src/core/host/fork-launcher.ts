import { fork } from 'node:child_process';
import type { ChildLauncher } from './engine-host';

/**
 * libuv threads of the engine child. Every DuckDB call from JS holds one while it runs; with Node's
 * default of 4, four slow untrusted statements held them all and an unrelated SELECT 42 waited 21 s.
 * 16 covers the trusted and untrusted query slots, writers and the gate's own work.
 */
export const ENGINE_THREADPOOL_SIZE = '16';

/** The child's environment: the caller's, with a threadpool large enough for the engine's slots. */
export function engineChildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { UV_THREADPOOL_SIZE: ENGINE_THREADPOOL_SIZE, ...env };
}

export interface ForkOptions {
  /** V8's heap limit for the child, in MB: past it the child dies and the host restarts it. */
  maxOldSpaceMb?: number;
  env?: NodeJS.ProcessEnv;
}

/** Starts the engine child with Node's `child_process.fork` (under `medallion serve` and in tests). */
export function forkLauncher(entry: string, options: ForkOptions = {}): ChildLauncher {
  return (on, extra) => {
    const execArgv = options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : [];
    const child = fork(entry, [], {
      execArgv,
      env: { ...engineChildEnv(options.env), ...extra },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message) => on.message(message));
    child.on('exit', (code, signal) => on.exit(code, signal));
    // A send to a child that just died fails; its exit handler answers the calls.
    child.on('error', () => undefined);
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message, (error) => void error);
      },
      kill: () => void child.kill('SIGKILL'),
    };
  };
}

import { fork } from 'node:child_process';
import type { ChildLauncher } from './engine-host';

export interface ForkOptions {
  /** V8's heap limit for the child, in MB: past it the child dies and the host restarts it. */
  maxOldSpaceMb?: number;
  env?: NodeJS.ProcessEnv;
}

/** Starts the engine child with Node's `child_process.fork` (under `medallion serve` and in tests). */
export function forkLauncher(entry: string, options: ForkOptions = {}): ChildLauncher {
  return (on) => {
    const execArgv = options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : [];
    const child = fork(entry, [], { execArgv, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

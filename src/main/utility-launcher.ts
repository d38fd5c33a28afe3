import { utilityProcess } from 'electron';
import type { ChildLauncher } from '../core/host/engine-host';
import { engineChildEnv } from '../core/host/fork-launcher';

/**
 * Starts the engine child in an Electron utility process: core runs there, so a query that
 * crashes or hangs it leaves the window and main standing (the engine host restarts it).
 */
export function utilityLauncher(entry: string): ChildLauncher {
  return (on, extra) => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: 'Medallion Workbench engine',
      stdio: 'inherit',
      env: { ...engineChildEnv(), ...extra },
    });
    let alive = true;
    child.on('message', (message: unknown) => on.message(message));
    child.on('exit', (code) => {
      alive = false;
      on.exit(code, null);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (alive) child.postMessage(message);
      },
      kill: () => void child.kill(),
    };
  };
}

import type { EngineHost } from '../core/host/engine-host';
import { removeHandshake, writeHandshake } from '../server/engine-handshake';
import { startServer, type RunningServer } from '../server/http-server';

/**
 * Lets the `medallion` CLI reach the desktop's engine while the app holds the database: an API-only
 * server on 127.0.0.1 with a fresh random token, announced in `<database>.engine.json` (0600).
 */
export async function startCliBridge(host: EngineHost): Promise<{ close(): Promise<void> }> {
  const running: RunningServer = await startServer({ core: host });
  const databasePath = host.databasePath;
  writeHandshake({ pid: process.pid, port: running.port, token: running.token, databasePath, startedAt: new Date().toISOString() });
  return {
    async close() {
      removeHandshake(databasePath);
      await running.close();
    },
  };
}

import { Command } from 'commander';
import { join, resolve } from 'node:path';
import { defaultDatabasePath } from '../../core/paths';
import { removeHandshake, writeHandshake } from '../../server/engine-handshake';
import { startServer } from '../../server/http-server';
import { lockError } from '../engine-link';
import { reportError } from '../errors';
import { openEngineHost } from '../open-core';
import { positiveInt } from './query';
import { stopOnSignal } from '../stop-on-signal';

/** Where the built renderer sits next to the built CLI (out/cli → out/renderer). */
export function rendererDir(): string {
  return process.env.MEDALLION_RENDERER_DIR ?? join(__dirname, '..', 'renderer');
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the full UI in a browser on 127.0.0.1')
    .option('--db <path>', 'database file (default: the app database in the user-data folder)')
    .option('--port <port>', 'port (default: a free one)', (v) => positiveInt(v, '--port'))
    .option('--token <token>', 'access token (default: a new random one each start)')
    .action(async (opts: { db?: string; port?: number; token?: string }) => {
      // Core runs in a child process; this one keeps the HTTP routes, the token and the handshake.
      const core = await openEngineHost(opts.db, 'browser').catch((e: unknown) =>
        reportError(lockError(e, opts.db ? resolve(opts.db) : defaultDatabasePath()) ?? e),
      );
      const token = opts.token ?? process.env.MEDALLION_TOKEN;
      const running = await startServer({ core, port: opts.port, token, staticDir: rendererDir() }).catch((e: unknown) => reportError(e));
      const databasePath = core.databasePath;
      // Lets `medallion query`/`ask` on this database talk to this server instead of failing on the file lock.
      const handshake = databasePath !== ':memory:';
      if (handshake) {
        writeHandshake({ pid: process.pid, port: running.port, token: running.token, databasePath, startedAt: new Date().toISOString() });
        process.once('exit', () => removeHandshake(databasePath));
      }
      process.stdout.write(`Medallion Workbench is running at ${running.url}\n(database: ${databasePath}; Ctrl+C to stop)\n`);
      stopOnSignal(running, core, { close: () => (handshake ? removeHandshake(databasePath) : undefined) });
    });
}

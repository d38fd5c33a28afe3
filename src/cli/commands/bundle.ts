import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { verifyBundleFile } from '../../core/bundles/bundle-service';
import { startServer } from '../../server/http-server';
import { defaultFilters, type Filters } from '../../shared/dashboards/filters';
import { AppError } from '../../shared/errors';
import { callApi } from '../api-client';
import { reportError } from '../errors';
import { openBundleHost, openCore, withOpenCore } from '../open-core';
import { positiveInt } from './query';
import { rendererDir } from './serve';
import { stopOnSignal } from '../stop-on-signal';

function isoDate(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new AppError('INVALID_INPUT', `${flag} must be a date like 2026-03-31, not "${value}".`);
  return value;
}

function createCommand(): Command {
  return new Command('create')
    .description('package a dashboard and a snapshot of the data it needs into one file')
    .requiredOption('--dashboard <name>', 'dashboard id or title, e.g. executive-overview or "Executive Overview"')
    .requiredOption('--out <file>', 'the bundle file to write (.mdash)')
    .option('--db <path>', 'database file (default: the app database in the user-data folder)')
    .option('--from <date>', 'first day of the snapshot (default: the dashboard default range, ending at the newest event)', (v) =>
      isoDate(v, '--from'),
    )
    .option('--to <date>', 'last day of the snapshot', (v) => isoDate(v, '--to'))
    .option('--aggregates-only', "carry each widget's numbers, not the transaction rows (smaller; filters fixed as packaged)")
    .option('--note <text>', 'a note shown to whoever opens the bundle')
    .action(
      async (opts: {
        dashboard: string;
        out: string;
        db?: string;
        from?: string;
        to?: string;
        aggregatesOnly?: boolean;
        note?: string;
      }) => {
        await withOpenCore(
          () => openCore(opts.db),
          async (core) => {
            const wanted = opts.dashboard.toLowerCase();
            const dashboards = await callApi(core, 'dashboards.list', {});
            const match = dashboards.find((d) => d.source !== 'bundle' && (d.id === wanted || d.title.toLowerCase() === wanted));
            if (!match) {
              const names = dashboards.map((d) => d.id).join(', ');
              throw new AppError('NOT_FOUND', `There is no dashboard "${opts.dashboard}". Choose one of: ${names}.`);
            }
            let filters: Filters | undefined;
            if (opts.from || opts.to) {
              const [options, loaded] = await Promise.all([
                callApi(core, 'dashboards.filterOptions', { id: match.id }),
                callApi(core, 'dashboards.get', { id: match.id }),
              ]);
              const base = defaultFilters(loaded.definition.defaultDateRange, options);
              filters = { ...base, dateFrom: opts.from ?? base.dateFrom, dateTo: opts.to ?? base.dateTo };
              if (filters.dateFrom > filters.dateTo) throw new AppError('INVALID_INPUT', '--from must not be after --to.');
            }
            const input = {
              dashboardId: match.id,
              filters,
              outPath: resolve(opts.out),
              content: opts.aggregatesOnly ? ('aggregates' as const) : ('rows' as const),
              note: opts.note,
            };
            const r = await callApi(core, 'bundles.create', input, { note: '--note', outPath: '--out', filters: '--from/--to' });
            process.stdout.write(
              `${JSON.stringify({ path: r.path, title: r.title, bytes: r.bytes, sha256: r.sha256, elapsed_ms: Math.round(r.elapsedMs) })}\n`,
            );
          },
        );
      },
    );
}

function verifyCommand(): Command {
  return new Command('verify')
    .description('check a bundle (format, length, checksum, manifest) without opening it')
    .argument('<file>', 'the bundle file')
    .action(async (file: string) => {
      try {
        // What bundles.verify answers, without opening a database: the check reads only the file.
        const { info } = verifyBundleFile(resolve(file));
        process.stdout.write(
          `${JSON.stringify({ ok: true, title: info.title, created: info.created, format_version: info.formatVersion, bytes: info.bytes, sha256: info.sha256, source: info.source, tables: info.tables })}\n`,
        );
      } catch (error) {
        reportError(error);
      }
    });
}

function openCommand(): Command {
  return new Command('open')
    .description('serve a bundle read-only in a browser: no database, no network, its own sandboxed DuckDB')
    .argument('<file>', 'the bundle file')
    .option('--port <port>', 'port (default: a free one)', (v) => positiveInt(v, '--port'))
    .option('--token <token>', 'access token (default: a new random one each start)')
    .action(async (file: string, opts: { port?: number; token?: string }) => {
      // A fresh, private profile and an in-memory database: the bundle needs nothing else. Core runs
      // in an engine child whose temp folder (the bundle's data) is removed when it exits, crash or not.
      const userDataDir = mkdtempSync(join(tmpdir(), 'medallion-bundle-view-'));
      const removeProfile = () => rmSync(userDataDir, { recursive: true, force: true });
      const core = await openBundleHost(userDataDir).catch((e: unknown) => {
        removeProfile();
        return reportError(e);
      });
      const info = await callApi(core, 'bundles.open', { path: resolve(file) }).catch(async (e: unknown) => {
        await core.close();
        removeProfile();
        return reportError(e);
      });
      const running = await startServer({
        core,
        port: opts.port,
        token: opts.token ?? process.env.MEDALLION_TOKEN,
        staticDir: rendererDir(),
      }).catch((e: unknown) => reportError(e));
      process.stdout.write(
        `${info.title} (packaged ${info.created.slice(0, 10)}) is open at ${running.url}#/dashboards/bundle:${info.bundleId}/present\n(read-only; Ctrl+C to stop)\n`,
      );
      stopOnSignal(running, core, { close: removeProfile });
    });
}

/** `medallion bundle create|open|verify`: packaged dashboards. */
export function bundleCommand(): Command {
  return new Command('bundle')
    .description('packaged dashboards: create, open and verify .mdash files')
    .addCommand(createCommand())
    .addCommand(verifyCommand())
    .addCommand(openCommand());
}

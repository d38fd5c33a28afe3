import { Command } from 'commander';
import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { callApi } from '../api-client';
import { openCore, withOpenCore } from '../open-core';

/** `medallion export databricks`: the local medallion as a Databricks Asset Bundle folder. */
export function exportCommand(): Command {
  const cmd = new Command('export').description('export the local pipeline to another platform');
  cmd
    .command('databricks')
    .description('write a Databricks Asset Bundle: Lakeflow pipeline (bronze, silver, quarantine, 19 gold views) and the ten dashboards')
    .requiredOption('--out <dir>', 'folder to write the bundle to (must be empty unless --force)')
    .option('--catalog <catalog>', 'Unity Catalog catalog (default main)')
    .option('--schema <schema>', 'schema (default payments)')
    .option('--force', 'write into a folder that is not empty, replacing the bundle files there')
    .option('--db <path>', 'database file (default: the app database in the user-data folder)')
    .action(async (o: { out: string; catalog?: string; schema?: string; force?: boolean; db?: string }) => {
      // The contract takes no path (the app asks through its save dialog): here the "dialog" answers --out.
      const dialogs = { chooseSavePath: () => Promise.resolve(resolve(o.out)) };
      await withOpenCore(
        () => openCore(o.db, 'cli', undefined, { dialogs }),
        async (core) => {
          const input = { catalog: o.catalog, schema: o.schema };
          // --force is the app's "Replace": after the not-empty refusal, write into that same folder.
          const result = await callApi(core, 'warehouse.exportBundle', input).catch((e: unknown) => {
            if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
            if (o.force) return callApi(core, 'warehouse.exportBundle', { ...input, replace: true });
            // Core offers to replace the bundle's files; here that is --force.
            throw new AppError('CONFLICT', `${e.message.replace(/\.$/u, '')} with --force.`, { details: e.details });
          });
          process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        },
      );
    });
  return cmd;
}

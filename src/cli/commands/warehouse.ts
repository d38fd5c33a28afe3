import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Job, PullSource } from '../../shared/api';
import { jobRate } from '../../shared/jobs/job-rate';
import { goldViewsDdl } from '../../core/warehouse/gold-ddl';
import { callApi, type ApiCore, type FlagNames } from '../api-client';
import { reportError } from '../errors';
import { formatResult, type OutputFormat } from '../format';
import { openCore, openWarehouseCore, withOpenCore } from '../open-core';
import { positiveInt } from './query';
import { parseParam, pickProfile, readSecretFromStdin } from './warehouse-profile';

type Core = ApiCore & { close(): Promise<void> };

/**
 * Opens what the command needs, runs `work`, prints failures the standard way and always closes:
 * the warehouse alone (no DuckDB) unless the command writes into the local database (`pull`).
 */
function withCore(db: string | undefined, work: (core: Core) => Promise<void>, sql?: string, local = false): Promise<void> {
  return withOpenCore<Core>(() => (local ? openCore(db) : openWarehouseCore()), work, sql);
}

/** The flags of the contract's input fields, for its refusals. */
const SAVE_FLAGS: FlagNames = {
  name: '--name',
  host: '--host',
  httpPath: '--http-path',
  warehouseId: '--warehouse-id',
  catalog: '--catalog',
  schema: '--schema',
  authType: '--auth',
  clientId: '--client-id',
  caCertPath: '--ca-cert',
  secret: '--secret-stdin',
};
const QUERY_FLAGS: FlagNames = { params: '--param', maxRows: '--max-rows', timeoutMs: '--timeout', sql: 'the statement' };
const PULL_FLAGS: FlagNames = {
  target: '--into',
  'source.sql': '--sql',
  'source.catalog': 'the table',
  'source.schema': 'the table',
  'source.table': 'the table',
};

const dbOption = () => new Option('--db <path>', 'local database file (default: the app database; only `pull` opens it)');
const profileOption = () => new Option('--profile <id|name>', 'warehouse profile (default: DATABRICKS_* or the only saved one)');

/** `medallion warehouse …`: Databricks SQL warehouse profiles, test, browse, query, pull. */
export function warehouseCommand(): Command {
  const cmd = new Command('warehouse').description('Databricks SQL warehouse: profiles, test connection, browse, query, pull to local');

  cmd
    .command('profiles')
    .description('list connection profiles (secrets are never printed)')
    .addOption(dbOption())
    .action((o: { db?: string }) =>
      withCore(o.db, async (core) => {
        const { profiles, secretsProtected } = await callApi(core, 'warehouse.listProfiles', {});
        process.stdout.write(JSON.stringify({ profiles, secretsProtected }, null, 2) + '\n');
      }),
    );

  cmd
    .command('add')
    .description('save a profile; the token or client secret is read from stdin with --secret-stdin')
    .requiredOption('--name <name>', 'a name for the profile')
    .requiredOption('--host <host>', 'workspace host, e.g. adb-1234.5.azuredatabricks.net')
    .option('--http-path <path>', "the warehouse's HTTP path")
    .option('--warehouse-id <id>', 'or the warehouse id')
    .option('--catalog <catalog>')
    .option('--schema <schema>')
    .addOption(new Option('--auth <type>', 'authentication').choices(['pat', 'oauth-m2m', 'oauth-u2m']).default('pat'))
    .option('--client-id <id>', 'OAuth client id (service principal for oauth-m2m)')
    .option('--ca-cert <file>', 'extra trusted CA certificate (PEM)')
    .option('--secret-stdin', 'read the token / client secret from stdin')
    .addOption(dbOption())
    .action((o: Record<string, string | boolean | undefined>) =>
      withCore(o.db as string | undefined, async (core) => {
        const secret = o.secretStdin ? await readSecretFromStdin() : undefined;
        const { profile } = await callApi(
          core,
          'warehouse.saveProfile',
          {
            name: String(o.name),
            host: String(o.host),
            httpPath: o.httpPath as string | undefined,
            warehouseId: o.warehouseId as string | undefined,
            catalog: o.catalog as string | undefined,
            schema: o.schema as string | undefined,
            authType: o.auth as 'pat',
            clientId: o.clientId as string | undefined,
            caCertPath: o.caCert as string | undefined,
            secret,
          },
          SAVE_FLAGS,
        );
        process.stdout.write(JSON.stringify({ profile }, null, 2) + '\n');
      }),
    );

  cmd
    .command('remove')
    .description('delete a saved profile and its secret')
    .argument('<profile>', 'id or name')
    .addOption(dbOption())
    .action((wanted: string, o: { db?: string }) =>
      withCore(o.db, async (core) => {
        const profile = await pickProfile(core, wanted);
        await callApi(core, 'warehouse.deleteProfile', { profileId: profile.id });
        process.stdout.write(`deleted ${profile.name}\n`);
      }),
    );

  cmd
    .command('test')
    .description('connect and say precisely what works or what failed')
    .addOption(profileOption())
    .addOption(dbOption())
    .action((o: { db?: string; profile?: string }) =>
      withCore(o.db, async (core) => {
        const verdict = await callApi(core, 'warehouse.testConnection', { profileId: (await pickProfile(core, o.profile)).id });
        process.stdout.write(JSON.stringify(verdict, null, 2) + '\n');
        if (!verdict.ok) {
          process.stderr.write(`error: ${verdict.message}\n`);
          process.exitCode = 2;
        }
      }),
    );

  cmd
    .command('browse')
    .description('list catalogs, or the schemas / tables / columns under the given path')
    .argument('[catalog]')
    .argument('[schema]')
    .argument('[table]')
    .addOption(profileOption())
    .addOption(dbOption())
    .action((catalog: string | undefined, schema: string | undefined, table: string | undefined, o: { db?: string; profile?: string }) =>
      withCore(o.db, async (core) => {
        const { items } = await callApi(core, 'warehouse.browse', {
          profileId: (await pickProfile(core, o.profile)).id,
          catalog,
          schema,
          table,
        });
        for (const item of items)
          process.stdout.write(
            `${item.kind}\t${item.name}${item.type ? `\t${item.type}` : ''}${item.comment ? `\t${item.comment}` : ''}\n`,
          );
      }),
    );

  cmd
    .command('query')
    .description('run one statement on the warehouse')
    .argument('<sql>')
    .addOption(profileOption())
    .option('--param <name=value>', 'a named parameter (:name in the SQL); repeatable', parseParam)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--max-rows <n>', 'rows to print at most', (v) => positiveInt(v, '--max-rows'), 10_000)
    .option('--timeout <seconds>', 'stop the statement after this many seconds', (v) => positiveInt(v, '--timeout'))
    .addOption(dbOption())
    .action(
      (
        sql: string,
        o: { db?: string; profile?: string; param?: Record<string, string>; format: OutputFormat; maxRows: number; timeout?: number },
      ) =>
        withCore(
          o.db,
          async (core) => {
            const profile = await pickProfile(core, o.profile);
            const input = {
              profileId: profile.id,
              sql,
              params: o.param,
              maxRows: o.maxRows,
              timeoutMs: o.timeout ? o.timeout * 1000 : undefined,
            };
            const result = await callApi(core, 'warehouse.query', input, QUERY_FLAGS);
            const footer = `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${result.truncated ? ` (truncated at ${o.maxRows})` : ''} in ${result.elapsedMs.toFixed(0)} ms on ${profile.name}`;
            process.stdout.write(formatResult(result, o.format, footer) + '\n');
          },
          sql,
        ),
    );

  cmd
    .command('pull')
    .description('copy a remote table/view (catalog.schema.table) or a query (--sql) into a local table')
    .argument('[table]', 'catalog.schema.table')
    .option('--sql <sql>', 'pull the result of this query instead')
    .requiredOption('--into <name>', 'the local table to create')
    .option('--replace', 'replace the local table if it exists')
    .addOption(profileOption())
    .addOption(dbOption())
    .action((table: string | undefined, o: { db?: string; profile?: string; sql?: string; into: string; replace?: boolean }) =>
      withCore(
        o.db,
        async (core) => {
          const source: PullSource = o.sql ? { kind: 'query', sql: o.sql } : parseTable(table);
          const profile = await pickProfile(core, o.profile);
          const bar = new SingleBar({
            format: 'pull {table} [{bar}] {value} rows | {speed} rows/s | ETA {eta_formatted}',
            stream: process.stderr,
          });
          let started = false;
          const off = core.events.subscribe((name, payload) => {
            const job = payload as Job;
            if (name !== 'job.progressed' || job.key !== `warehouse.pull:${o.into.toLowerCase()}`) return;
            if (!started) bar.start(job.progress.total ?? 0, 0, { table: o.into, speed: 0 });
            started = true;
            if (job.progress.total) bar.setTotal(job.progress.total);
            bar.update(job.progress.done, { speed: Math.round(jobRate(job).perSecond) });
          });
          const controller = new AbortController();
          const onSigint = () => controller.abort();
          process.once('SIGINT', onSigint);
          try {
            const input = { profileId: profile.id, source, target: o.into, replace: o.replace };
            const result = await callApi(core, 'warehouse.pull', input, PULL_FLAGS, { signal: controller.signal });
            bar.stop();
            process.stdout.write(JSON.stringify(result, null, 2) + '\n');
          } finally {
            if (started) bar.stop();
            off();
            process.off('SIGINT', onSigint);
          }
        },
        undefined,
        true,
      ),
    );
  cmd
    .command('ddl')
    .description('print the Databricks SQL DDL that creates the gold views in Unity Catalog')
    .option('--catalog <catalog>', 'add USE CATALOG')
    .option('--schema <schema>', 'add USE SCHEMA')
    .action((o: { catalog?: string; schema?: string }) => {
      // The text warehouse.goldDdl returns, without opening the database: it reads nothing.
      process.stdout.write(goldViewsDdl(o).sql);
    });
  return cmd;
}

function parseTable(table: string | undefined): PullSource {
  const parts = (table ?? '').split('.');
  if (parts.length !== 3 || parts.some((p) => !p)) {
    reportError(new Error('Give the remote table as catalog.schema.table, or use --sql "SELECT …".'));
  }
  return { kind: 'table', catalog: parts[0]!, schema: parts[1]!, table: parts[2]! };
}

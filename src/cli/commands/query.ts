import { Command, Option } from 'commander';
import { AppError } from '../../shared/errors';
import { reportError } from '../errors';
import { formatResult, type OutputFormat } from '../format';
import { openEngineLink } from '../engine-link';
import { openEngine } from '../open-core';

export function queryCommand(): Command {
  return new Command('query')
    .description('run one SQL statement against the local database')
    .argument('<sql>', 'the statement, e.g. "SELECT 42"')
    .option('--db <path>', 'database file (default: the app database in the user-data folder)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--max-rows <n>', 'rows to print at most', (v) => positiveInt(v, '--max-rows'), 10_000)
    .option('--timeout <seconds>', 'stop the statement after this many seconds', (v) => positiveInt(v, '--timeout'))
    .action(async (sql: string, opts: { db?: string; format: OutputFormat; maxRows: number; timeout?: number }) => {
      // With `medallion serve` holding the database, the statement runs there (same engine, same result shape).
      const link = await openEngineLink(opts.db, () => openEngine(opts.db)).catch((e: unknown) => reportError(e));
      try {
        const input = { sql, maxRows: opts.maxRows, timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined };
        const result = link.kind === 'remote' ? await link.call('engine.query', input) : await link.local.query(sql, input);
        const footer = `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${result.truncated ? ` (truncated at ${opts.maxRows})` : ''} in ${result.elapsedMs.toFixed(0)} ms`;
        process.stdout.write(formatResult(result, opts.format, footer) + '\n');
        if (result.truncated && opts.format !== 'table')
          process.stderr.write(`warning: result truncated at ${opts.maxRows} rows (use --max-rows)\n`);
      } catch (error) {
        await link.close();
        reportError(error, sql);
      }
      await link.close();
    });
}

export function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('INVALID_INPUT', `${flag} must be a positive whole number, not "${value}".`);
  return n;
}

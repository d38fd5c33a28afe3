import { Command } from 'commander';
import { AppError } from '../shared/errors';
import { APP_VERSION } from '../core/version';

/**
 * The commands, each loaded only when it runs: a command's module pulls in what it needs (DuckDB,
 * the warehouse driver, models, the HTTP server), so `query` does not pay for `serve` or `warehouse`.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  query: async () => (await import('./commands/query')).queryCommand(),
  replay: async () => (await import('./commands/replay')).replayCommand(),
  serve: async () => (await import('./commands/serve')).serveCommand(),
  warehouse: async () => (await import('./commands/warehouse')).warehouseCommand(),
  agents: async () => (await import('./commands/agents')).agentsCommand(),
  bundle: async () => (await import('./commands/bundle')).bundleCommand(),
  export: async () => (await import('./commands/export')).exportCommand(),
  models: async () => (await import('./commands/models')).modelsCommand(),
  ask: async () => (await import('./commands/ask')).askCommand(),
};

/**
 * The `medallion` command line: the desktop app's engine without a window. With `argv`, only the
 * command it names is loaded (all of them for help, a typo or no command).
 */
export async function buildProgram(argv?: string[]): Promise<Command> {
  const program = new Command('medallion')
    .description('Medallion Workbench: payment-approval analytics on a local DuckDB medallion pipeline')
    .version(APP_VERSION)
    .showHelpAfterError('(run with --help for usage)');
  const named = argv?.[2];
  const load = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const command of await Promise.all(load.map((name) => COMMANDS[name]!()))) program.addCommand(command);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  }
}

import { Command } from 'commander';
import { AppError } from '../shared/errors';
import { APP_VERSION } from '../core/version';
import { agentsCommand } from './commands/agents';
import { bundleCommand } from './commands/bundle';
import { exportCommand } from './commands/export';
import { askCommand } from './commands/ask';
import { modelsCommand } from './commands/models';
import { queryCommand } from './commands/query';
import { replayCommand } from './commands/replay';
import { serveCommand } from './commands/serve';
import { warehouseCommand } from './commands/warehouse';

/** The `medallion` command line: the desktop app's engine without a window. */
export function buildProgram(): Command {
  const program = new Command('medallion')
    .description('Medallion Workbench: payment-approval analytics on a local DuckDB medallion pipeline')
    .version(APP_VERSION)
    .showHelpAfterError('(run with --help for usage)');
  program.addCommand(queryCommand());
  program.addCommand(replayCommand());
  program.addCommand(serveCommand());
  program.addCommand(warehouseCommand());
  program.addCommand(agentsCommand());
  program.addCommand(bundleCommand());
  program.addCommand(exportCommand());
  program.addCommand(modelsCommand());
  program.addCommand(askCommand());
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  }
}

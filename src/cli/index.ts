import { APP_VERSION } from '../core/version';

// `medallion --version` answers without loading the commands (and DuckDB, drivers, models behind them).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${APP_VERSION}\n`);
else void import('./program').then((cli) => cli.main(process.argv));

import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Medallion Workbench';

/**
 * The user-data folder, the same one Electron's app.getPath('userData') gives, so the
 * desktop app, `medallion serve` and the CLI share one database. MEDALLION_HOME overrides it.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MEDALLION_HOME) return env.MEDALLION_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultUserDataDir(env), 'medallion.duckdb');
}

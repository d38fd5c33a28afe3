import type { HandlerGroup } from '../api/handlers';
import { cleanUpDataFolder, describeDataFolder } from './data-folder';

/** settings.* methods: the data folder's size and its clean-up. */
export function settingsHandlers(userDataDir: string, databasePath: string): HandlerGroup<'settings.dataFolder' | 'settings.cleanUp'> {
  return {
    'settings.dataFolder': () => describeDataFolder(userDataDir, databasePath),
    'settings.cleanUp': (input) => {
      const freedBytes = cleanUpDataFolder(userDataDir, input.entries);
      return { freedBytes, folder: describeDataFolder(userDataDir, databasePath) };
    },
  };
}

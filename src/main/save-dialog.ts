import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import type { DialogPort, FileFilter } from '../core/ports';

/** Core's dialog port in the desktop app: Electron's native save dialog, over the focused window. */
export class ElectronDialogs implements DialogPort {
  async chooseSavePath(defaultName: string, filters: FileFilter[]): Promise<string | undefined> {
    const options = {
      defaultPath: join(app.getPath('downloads'), defaultName),
      filters,
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? undefined : result.filePath;
  }
}

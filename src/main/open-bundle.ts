import { app, BrowserWindow, dialog } from 'electron';
import type { EngineApi } from '../core/host/engine-api';
import type { BundleInfo } from '../shared/api';
import { APP_ORIGIN } from './app-origin';

const BUNDLE = /\.mdash$/i;

/** Bundle files named on the command line (Windows and Linux file associations pass them there). */
export function bundlesInArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter((a) => BUNDLE.test(a));
}

/**
 * Opens packaged dashboards handed over by the OS: double-click (file association), a second
 * launch while running, or macOS `open-file`. Each opens read-only in presentation mode.
 */
export function installBundleOpening(getCore: () => EngineApi | undefined): void {
  // One running app: a double-click while it runs arrives as `second-instance` in this one.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const pending: string[] = bundlesInArgv(process.argv);
  const open = async (path: string) => {
    const core = getCore();
    const win = BrowserWindow.getAllWindows()[0];
    if (!core || !win) return void pending.push(path);
    try {
      const opened = await core.dispatcher.dispatch('bundles.open', { path });
      if (!opened.ok) throw new Error(opened.error.message);
      const info = opened.data as BundleInfo;
      await win.loadURL(`${APP_ORIGIN}/index.html#/dashboards/${encodeURIComponent(`bundle:${info.bundleId}`)}/present`);
      win.show();
      win.focus();
    } catch (error) {
      void dialog.showMessageBox(win, {
        type: 'error',
        message: 'This dashboard bundle could not be opened.',
        detail: (error as Error).message,
      });
    }
  };
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void open(path);
  });
  app.on('second-instance', (_event, argv) => {
    for (const path of bundlesInArgv(argv)) void open(path);
  });
  app.on('browser-window-created', (_event, win) => {
    win.webContents.once('did-finish-load', () => {
      for (const path of pending.splice(0)) void open(path);
    });
  });
}

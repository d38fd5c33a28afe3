import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './app-origin';
import { loadWindowState, saveWindowState } from './window-state';

function routeOf(url: string): string | undefined {
  try {
    return new URL(url).hash || undefined;
  } catch {
    return undefined;
  }
}

/** The only module that creates windows: every one gets the same locked-down preferences. */
export function createMainWindow(userDataDir: string): BrowserWindow {
  const state = loadWindowState(userDataDir);
  const onScreen =
    state.x !== undefined &&
    state.y !== undefined &&
    screen.getAllDisplays().some((d) => {
      const b = d.workArea;
      return state.x! >= b.x && state.y! >= b.y && state.x! < b.x + b.width && state.y! < b.y + b.height;
    });
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    x: onScreen ? state.x : undefined,
    y: onScreen ? state.y : undefined,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Medallion Workbench',
    backgroundColor: '#0f1115',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      // Middle-click would open links in a new window; the app has no use for auxclick.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const remember = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    const route = routeOf(win.webContents.getURL());
    saveWindowState(userDataDir, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized(), route });
  };
  win.on('close', remember);
  // Reopen at the page and dashboard view the window closed on (checked against an allowlist when loaded).
  void win.loadURL(`${APP_ORIGIN}/index.html${state.route ?? ''}`);
  return win;
}

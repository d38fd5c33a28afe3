import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { EngineHost } from '../core/host/engine-host';
import { startCliBridge } from './cli-bridge';
import { isAppUrl } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { safeOpenExternal } from './external-links';
import { installIpcTransport } from './ipc-transport';
import { printToPdf } from './print-to-pdf';
import { installMenu } from './menu';
import { installBundleOpening } from './open-bundle';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { ElectronDialogs } from './save-dialog';
import { utilityLauncher } from './utility-launcher';
import { createMainWindow } from './window';

app.setName('Medallion Workbench');
app.enableSandbox();
registerAppScheme();

// Every web contents: no navigation away from the app, no new windows, no webviews.
app.on('web-contents-created', (_, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void safeOpenExternal(url);
    return { action: 'deny' };
  });
});

let engine: EngineHost | undefined;
let bridge: { close(): Promise<void> } | undefined;
installBundleOpening(() => engine);

async function start(): Promise<void> {
  const userDataDir = app.getPath('userData');
  session.defaultSession.setPermissionRequestHandler((_, __, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer(join(__dirname, '../renderer'));
  // Core runs in a utility process; secrets (safeStorage) and dialogs stay here and are asked for over its port.
  const secrets = new SafeStorageSecretStore(join(userDataDir, 'secrets.json'));
  const dialogs = new ElectronDialogs();
  engine = await EngineHost.start({
    launch: utilityLauncher(join(__dirname, 'engine-child.js')),
    init: {
      mode: 'electron',
      userDataDir,
      databasePath: join(userDataDir, 'medallion.duckdb'),
      proxySecrets: { protectedAtRest: secrets.protectedAtRest },
      proxyDialogs: true,
    },
    secrets,
    dialogs,
  });
  installIpcTransport(engine, () => BrowserWindow.getAllWindows().map((w) => w.webContents), {
    'app.printToPdf': (sender, input) =>
      printToPdf(sender, input, (name) => dialogs.chooseSavePath(name, [{ name: 'PDF', extensions: ['pdf'] }])),
  });
  bridge = await startCliBridge(engine);
  installMenu();
  createMainWindow(userDataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(userDataDir);
  });
}

app.whenReady().then(start, (error: unknown) => {
  console.error('Medallion Workbench could not start:', error);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void bridge?.close();
  void engine?.close();
});

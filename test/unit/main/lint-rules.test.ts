import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Negative controls for the Electron-security and layering lint rules (SECURITY.md): each planted
// violation, linted with the project's own eslint.config.mjs at a path inside src/, must fail.
const root = join(__dirname, '..', '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const securePrefs = 'contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false';
const windowWith = (prefs: string) =>
  `import { BrowserWindow } from 'electron';\nexport const open = (): BrowserWindow =>\n  new BrowserWindow({\n    webPreferences: { ${prefs} },\n  });\n`;
const prefsObject = (prefs: string) => `export const prefs = { ${prefs} };\n`;

describe('Electron webPreferences bans, in every main and preload module', () => {
  it.each([
    ['nodeIntegration: true', 'nodeIntegration must stay false'],
    // Electronegativity stays silent on this one when a sandbox key is present; lint does not.
    ['nodeIntegration: true, sandbox: true', 'nodeIntegration must stay false'],
    ['nodeIntegrationInWorker: true', 'nodeIntegrationInWorker must stay false'],
    ['nodeIntegrationInSubFrames: true', 'nodeIntegrationInSubFrames must stay false'],
    ['contextIsolation: false', 'contextIsolation must stay true'],
    ['sandbox: false', 'sandbox must stay true'],
    ['webSecurity: false', 'webSecurity must stay on'],
    ['allowRunningInsecureContent: true', 'No insecure content'],
    ['experimentalFeatures: true', 'No experimental features'],
    ["enableBlinkFeatures: 'CSSVariables'", 'No Blink feature flags'],
    ['webviewTag: true', 'No <webview>'],
  ])('window.ts with %s fails lint', async (prefs, message) => {
    expect(
      await problems('src/main/window.ts', windowWith(`${securePrefs.replace(/nodeIntegration: false, /, '')}, ${prefs}`)),
    ).toContainEqual(expect.stringContaining(message));
  });

  it.each(['src/main/menu.ts', 'src/main/planted.ts', 'src/main/external-links.ts', 'src/main/ipc-transport.ts', 'src/preload/index.ts'])(
    'a preferences object with nodeIntegration: true in %s fails lint',
    async (file) => {
      expect(await problems(file, prefsObject('nodeIntegration: true'))).toContainEqual(
        expect.stringContaining('nodeIntegration must stay false'),
      );
      expect(await problems(file, prefsObject('sandbox: false'))).toContainEqual(expect.stringContaining('sandbox must stay true'));
    },
  );

  it('the secure window of window.ts passes (positive control)', async () => {
    expect(await problems('src/main/window.ts', windowWith(securePrefs))).toEqual([]);
  });
});

describe('only the designated module does each dangerous thing', () => {
  it('only window.ts creates windows', async () => {
    const plain = windowWith(securePrefs);
    const namespaced = `import * as electron from 'electron';\nexport const w = new electron.BrowserWindow({});\n`;
    expect(await problems('src/main/menu.ts', plain)).toContainEqual(expect.stringContaining('Only src/main/window.ts creates windows'));
    expect(await problems('src/main/planted.ts', namespaced)).toContainEqual(
      expect.stringContaining('Only src/main/window.ts creates windows'),
    );
  });

  it('only external-links.ts calls shell.openExternal', async () => {
    const code = `import { shell } from 'electron';\nexport const go = (u: string) => shell.openExternal(u);\n`;
    const aliased = `import * as electron from 'electron';\nexport const go = (u: string) => electron.shell.openExternal(u);\n`;
    for (const file of ['src/main/menu.ts', 'src/main/window.ts', 'src/main/ipc-transport.ts', 'src/preload/index.ts']) {
      expect(await problems(file, code), file).toContainEqual(expect.stringContaining('Use safeOpenExternal()'));
    }
    expect(await problems('src/main/planted.ts', aliased)).toContainEqual(expect.stringContaining('Use safeOpenExternal()'));
    expect(await problems('src/main/external-links.ts', code)).toEqual([]);
  });

  it.each(['handle', 'handleOnce', 'on', 'once', 'addListener'])('only ipc-transport.ts calls ipcMain.%s', async (method) => {
    const code = `import { ipcMain } from 'electron';\nipcMain.${method}('x', () => undefined);\n`;
    expect(await problems('src/main/planted.ts', code)).toContainEqual(
      expect.stringContaining('IPC handlers only through the validated transport'),
    );
    expect(await problems('src/main/ipc-transport.ts', code)).toEqual([]);
  });

  it('preload never exposes ipcRenderer itself', async () => {
    const code = `import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('ipc', ipcRenderer);\n`;
    expect(await problems('src/preload/index.ts', code)).toContainEqual(expect.stringContaining('Never expose ipcRenderer itself'));
  });

  it.each(["'http://example.com/'", '`https://example.com/${x}`', "'file:///etc/passwd'"])('loadURL(%s) fails lint', async (url) => {
    const code = `import type { BrowserWindow } from 'electron';\nexport const load = (w: BrowserWindow, x: string) => w.loadURL(${url}).then(() => x);\n`;
    expect(await problems('src/main/planted.ts', code)).toContainEqual(expect.stringContaining('loads only its own app:// content'));
  });
});

describe('layering: electron, node and core stay where they belong', () => {
  it.each(['src/core/planted.ts', 'src/server/planted.ts', 'src/cli/planted.ts'])('%s may not import electron', async (file) => {
    expect(await problems(file, `import { app } from 'electron';\nexport const a = app;\n`)).toContainEqual(
      expect.stringContaining('no-restricted-imports'),
    );
  });

  it.each([
    ["import { readFileSync } from 'node:fs';", 'no Node or Electron'],
    ["import { ipcRenderer } from 'electron';", 'no Node or Electron'],
    ["import { createCore } from '../../core/core';", 'only through api/client.ts'],
  ])('the renderer may not %s', async (line, message) => {
    expect(await problems('src/renderer/features/planted/planted.ts', `${line}\nexport const x = 1;\n`)).toContainEqual(
      expect.stringContaining(message),
    );
  });

  it('the renderer reaches window.medallion only through the typed client', async () => {
    expect(await problems('src/renderer/features/planted/planted.ts', 'export const b = window.medallion;\n')).toContainEqual(
      expect.stringContaining('Use the typed client'),
    );
  });

  it('src/shared imports nothing runtime-specific', async () => {
    expect(await problems('src/shared/planted.ts', "import { join } from 'node:path';\nexport const j = join;\n")).toContainEqual(
      expect.stringContaining('src/shared runs everywhere'),
    );
  });
});

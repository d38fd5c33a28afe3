import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The Electron security checklist at run time (SECURITY.md, items 2, 3, 5, 7, 12, 13, 18, 20). Runs only
// where an Electron binary exists, like app.spec.ts; it is not packaged, so fuses are checked elsewhere.
test('the desktop window holds the Electron security checklist at run time', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'medallion-electron-sec-'));
  const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`], cwd: join(__dirname, '..', '..', '..') });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();

    // 2, 3: no Node in the page, whatever the page tries.
    expect(
      await window.evaluate(() => [
        typeof (globalThis as { require?: unknown }).require,
        typeof (globalThis as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);

    // 20: the page sees one frozen bridge with two functions, and no ipcRenderer.
    const bridge = await window.evaluate(() => {
      const g = globalThis as { medallion?: object; ipcRenderer?: unknown };
      return { keys: Object.keys(g.medallion ?? {}).sort(), frozen: Object.isFrozen(g.medallion), ipc: typeof g.ipcRenderer };
    });
    expect(bridge).toEqual({ keys: ['invoke', 'on'], frozen: true, ipc: 'undefined' });

    // 5: every permission is denied.
    expect(await window.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state)).toBe('denied');

    // 7: the CSP blocks injected inline script.
    const injected = await window.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const script = document.createElement('script');
          script.textContent = 'globalThis.__injected = true';
          document.head.appendChild(script);
          setTimeout(() => resolve((globalThis as { __injected?: boolean }).__injected === true), 500);
        }),
    );
    expect(injected).toBe(false);

    // 18: no file:// reads from the page.
    expect(
      await window.evaluate(() =>
        fetch('file:///etc/hosts').then(
          () => 'read',
          () => 'refused',
        ),
      ),
    ).toBe('refused');

    // 12: a <webview> creates no web contents.
    const count = () => app.evaluate(({ webContents }) => webContents.getAllWebContents().length);
    const before = await count();
    await window.evaluate(() => {
      const view = document.createElement('webview');
      view.setAttribute('src', 'https://example.com/');
      document.body.appendChild(view);
    });
    await window.waitForTimeout(500);
    expect(await count()).toBe(before);

    // 13: navigation away from app:// is cancelled.
    await window.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await window.waitForTimeout(1000);
    expect(window.url()).toMatch(/^app:\/\/workbench\//);
  } finally {
    await app.close();
  }
});

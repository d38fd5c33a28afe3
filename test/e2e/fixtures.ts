import { test as base, expect, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell';

export const E2E_TOKEN = 'e2e-test-token';

/** Every request and console error a page made, so tests can assert nothing left 127.0.0.1. */
export interface PageWatch {
  foreignRequests: string[];
  consoleErrors: string[];
}

function watch(page: Page): PageWatch {
  const w: PageWatch = { foreignRequests: [], consoleErrors: [] };
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) w.foreignRequests.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') w.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => w.consoleErrors.push(String(error)));
  return w;
}

/** `app` is the workbench opened with the server's token; `watched` records what the page did. */
export const test = base.extend<{ app: AppShell; watched: PageWatch }>({
  watched: async ({ page }, use) => {
    await use(watch(page));
  },
  app: async ({ page, watched }, use) => {
    void watched;
    const shell = new AppShell(page);
    await shell.open();
    await use(shell);
  },
});

export { expect };

import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlPage } from '../pages/sql-page';

// Runs only where an Electron binary exists (scripts/test-all.mjs says why it is skipped elsewhere).
test('the desktop app opens sandboxed and runs SELECT 42 over IPC', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'medallion-electron-'));
  const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`], cwd: join(__dirname, '..', '..', '..') });
  const window = await app.firstWindow();
  await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(
    await window.evaluate(
      () =>
        typeof (globalThis as { require?: unknown }).require === 'undefined' &&
        typeof (globalThis as { process?: unknown }).process === 'undefined',
    ),
  ).toBe(true);
  await window.getByTestId('nav-sql').click();
  const sql = new SqlPage(window);
  await sql.runSql('SELECT 42 AS answer');
  await expect(sql.result).toContainText('42');
  const before = app.windows().length;
  await window.evaluate(() => globalThis.open('https://example.com'));
  expect(app.windows().length).toBe(before);
  await app.close();
});

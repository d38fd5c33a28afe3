import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SettingsPage } from './pages/settings-page';
import { startCliServer, type CliServer } from './support/cli-server';

const dir = join(__dirname, '..', '..', '.e2e', 'settings');
const home = join(dir, 'home');
let server: CliServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(home, 'bundles'), { recursive: true });
  // A packaged dashboard copy left behind by an earlier session: 2 MB of cache.
  writeFileSync(join(home, 'bundles', 'executive-overview-20261201.mdash'), Buffer.alloc(2 * 1024 * 1024));
  server = await startCliServer(['serve', '--db', join(home, 'medallion.duckdb'), '--token', 'e2e-settings'], { MEDALLION_HOME: home });
});

test.afterAll(async () => {
  await server?.stop();
});

test('Settings shows where the data is, says there is no telemetry, and links to warehouse profiles', async ({ page }) => {
  const s = new SettingsPage(page);
  await s.open(server.url);
  await expect(page.getByText('Not built yet')).toHaveCount(0);
  await expect(page.getByTestId('settings-database-path')).toHaveText(join(home, 'medallion.duckdb'));
  await expect(page.getByTestId('settings-telemetry')).toContainText('No telemetry');
  await expect(page.getByTestId('settings-profiles')).toHaveText('0 profiles');
  await page.getByTestId('settings-open-connections').click();
  await expect(page.getByTestId('page-connections')).toBeVisible();
});

test('the theme set here sticks after a reload', async ({ page }) => {
  const s = new SettingsPage(page);
  await s.open(server.url);
  await page.getByTestId('settings-theme-dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('settings-theme-light').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the default time range is the one dashboards open with', async ({ page }) => {
  const s = new SettingsPage(page);
  await s.open(server.url);
  await s.defaultRange.selectOption('last_7_days');
  await page.goto(`${server.url}#/dashboards/executive-overview`);
  await expect(page.getByTestId('filter-range')).toHaveValue('last_7_days');
});

test('the data folder size counts the cache, and clean-up frees it after a confirmation', async ({ page }) => {
  const s = new SettingsPage(page);
  await s.open(server.url);
  expect(await s.folderBytes()).toBeGreaterThan(2 * 1024 * 1024);
  await expect(s.cleanUp).toBeDisabled();
  await page.getByTestId('settings-clean-packaged-bundles').check();
  await expect(s.cleanUp).toHaveText('Clean up (2.0 MB)');
  page.once('dialog', (d) => void d.accept());
  await s.cleanUp.click();
  await expect(page.getByTestId('settings-notice')).toHaveText('Freed 2.0 MB.');
  expect(existsSync(join(home, 'bundles', 'executive-overview-20261201.mdash'))).toBe(false);
  expect(existsSync(join(home, 'medallion.duckdb'))).toBe(true);
  expect(await s.folderBytes()).toBeLessThan(2 * 1024 * 1024);
});

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { PipelinePage } from './pages/pipeline-page';
import { WelcomePage } from './pages/welcome-page';
import { startCliServer, type CliServer } from './support/cli-server';

const dir = join(__dirname, '..', '..', '.e2e', 'welcome');
let server: CliServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  // A brand-new database, as on first start; a free port.
  server = await startCliServer(['serve', '--db', join(dir, 'fresh.duckdb'), '--token', 'e2e-welcome'], {
    MEDALLION_HOME: join(dir, 'home'),
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test('an empty database: dashboards say so instead of blaming the filters', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${server.url}#/dashboards/executive-overview`);
  await d.settled();
  await expect(page.getByTestId('dashboard-empty-database')).toContainText('The database is empty');
  await expect(page.getByTestId('widget-empty').first()).toContainText('The database is empty');
  await expect(page.getByText('No data for these filters')).toHaveCount(0);
});

test('an empty database: the Pipeline page\'s "Silver at a glance" says what to do, not "—"', async ({ page }) => {
  const p = new PipelinePage(page);
  await page.goto(`${server.url}#/pipeline`);
  await expect(p.kpiPanel.getByTestId('kpi-empty')).toContainText('start a backfill');
  await expect(p.kpiPanel).not.toContainText('—');
});

test('the welcome offers four one-click starts; the warehouse and import paths land on their pages', async ({ page }) => {
  const w = new WelcomePage(page);
  await w.open(server.url);
  await expect(w.root).toBeVisible();
  for (const action of [w.sample, w.importFile, w.warehouse, w.bundle]) await expect(action).toBeEnabled();

  await w.warehouse.click();
  await expect(page.getByTestId('page-connections')).toBeVisible();

  await w.open(server.url);
  await w.choose(w.importFile, { name: 'fx_rates.csv', mimeType: 'text/csv', buffer: Buffer.from('currency,rate\nBRL,5.41\nMXN,17.2\n') });
  await expect(page.getByTestId('page-sql')).toBeVisible();
  await expect(page.getByTestId('import-preview')).toContainText('BRL');
  await page.getByTestId('import-close').click();

  await w.open(server.url);
  await w.choose(w.bundle, { name: 'board.mdash', mimeType: 'application/octet-stream', buffer: Buffer.from('not a bundle at all') });
  await expect(page.getByTestId('welcome-bundle-status')).toContainText('board.mdash could not be opened');
});

test('load sample data: progress, then the Executive Overview with numbers and honest deltas', async ({ page }) => {
  test.setTimeout(120_000);
  const w = new WelcomePage(page);
  const d = new DashboardPage(page);
  await w.open(server.url);
  await w.watchProgress();
  await w.sample.click();
  await expect(page).toHaveURL(/#\/dashboards\/executive-overview$/, { timeout: 90_000 });
  expect((await w.progressSeen()).length).toBeGreaterThan(0);

  const values = await d.counterValues();
  expect(values.some((v) => /[1-9]/.test(v))).toBe(true);
  // A month of data viewed over 30 days has no complete previous period to compare with.
  const change = page.locator('[data-widget-id=transactions]').getByTestId('counter-change');
  await expect(change).toHaveText(/^n\/a · prev\. period partial$/);
  await expect(change).toHaveAttribute('title', /data starts on \d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId('dashboard-empty-database')).toHaveCount(0);
  // The month ends now: today's unfinished day is drawn as partial, not as a drop.
  const valueTrend = page.locator('[data-widget-id=value_trend]').getByTestId('chart-frame');
  await expect(valueTrend).toHaveAttribute('data-partial', 'true');
  await expect(valueTrend.locator('svg text', { hasText: /^partial · to \d{2}:\d{2}$/ })).toHaveCount(1);

  await page.goto(`${server.url}#/dashboards`);
  await expect(page.getByTestId('dashboard-card').first()).toBeVisible();
  await expect(w.root).toHaveCount(0);
});

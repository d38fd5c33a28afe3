import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { startCliServer, type CliServer } from './support/cli-server';
import { buildAndRun } from './support/node-build';

/* A multi-page Lakeview file with parameters and a global-filters page, imported through the gallery. */

const dir = join(__dirname, '..', '..', '.e2e', 'lakeview');
const fixture = join(__dirname, '..', 'fixtures', 'lakeview', 'decline-operations.lvdash.json');
const port = String(Number(process.env.E2E_PORT ?? 4183) + 50);
let server: CliServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  await buildAndRun('test/support/make-replay-db.ts', [join(dir, 'replayed.duckdb'), '20000', '14']);
  server = await startCliServer(['serve', '--db', join(dir, 'replayed.duckdb'), '--port', port, '--token', 'e2e-lakeview'], {
    MEDALLION_HOME: join(dir, 'home'),
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test('an imported multi-page Lakeview file keeps its pages, shows its parameters as filters and its text', async ({ page }) => {
  test.setTimeout(90_000);
  const d = new DashboardPage(page);
  await d.openGallery(`${server.url}#/dashboards`);
  await page.getByTestId('lakeview-file-input').setInputFiles(fixture);
  await expect(page.getByTestId('gallery-status')).toContainText('with 5 widgets');
  await page.locator('[data-testid=dashboard-card][data-dashboard-id="imported:decline-operations"]').click();
  await expect(page.getByTestId('dashboard-pages').getByRole('tab')).toHaveText(['Overview', 'Trends', 'Recovery']);
  await expect(page.getByTestId('parameter-network')).toHaveValue('All');
  await expect(page.getByTestId('parameter-event_range_min')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('widget-text')).toContainText('Declines this week');
  await d.settled();
  await expect(d.widgets).toHaveCount(3);
  await expect(d.errors).toHaveCount(0);
  await page.screenshot({ path: join(dir, 'lakeview-overview.png'), fullPage: true });

  await page.getByTestId('dashboard-pages').getByRole('tab', { name: 'Recovery' }).click();
  await expect(d.widgets).toHaveCount(1);
  await d.settled();
  const table = page.locator('[data-widget-id="w_8b000005"] .widget-body');
  await expect(table).toContainText('Reason');
  const before = await table.innerText();
  await page.getByTestId('parameter-network').fill('Visa');
  await d.settled();
  await expect(table).not.toHaveText(before);
  await expect(d.errors).toHaveCount(0);
  await page.screenshot({ path: join(dir, 'lakeview-recovery.png'), fullPage: true });
});

test('a single-page Lakeview file: text box, counter on COUNT(*), scatter and a table with spaced names all draw', async ({ page }) => {
  test.setTimeout(90_000);
  const d = new DashboardPage(page);
  await d.openGallery(`${server.url}#/dashboards`);
  await page
    .getByTestId('lakeview-file-input')
    .setInputFiles(join(__dirname, '..', 'fixtures', 'lakeview', 'approvals-summary.lvdash.json'));
  await expect(page.getByTestId('gallery-status')).toContainText('Imported “Approvals” with 5 widgets.');
  await page.locator('[data-testid=dashboard-card][data-dashboard-id="imported:approvals-summary"]').click();
  await d.settled();
  await expect(d.errors).toHaveCount(0);
  await expect(page.getByTestId('widget-text')).toContainText('Approvals at a glance');
  await expect(page.locator('[data-widget-id=c0count]').getByTestId('counter-value')).toHaveText(/^\d[\d,.]*[KM]?$/);
  await expect(page.locator('[data-widget-id=s0risk] .recharts-scatter-symbol').first()).toBeVisible();
  await expect(page.locator('[data-widget-id=t0league]')).toContainText('Card Network');
  await page.screenshot({ path: join(dir, 'lakeview-approvals.png'), fullPage: true });
});

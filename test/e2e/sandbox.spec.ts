import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { startCliServer, type CliServer } from './support/cli-server';
import { buildAndRun } from './support/node-build';

/* A hostile Lakeview dashboard, imported through the UI: its honest widget works, the one that
 * reads a local file is refused with a message saying why, and the file's contents never show. */

const dir = join(__dirname, '..', '..', '.e2e', 'sandbox');
const SECRET = 'E2E-SANDBOX-SECRET-5d1c';
let server: CliServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  await buildAndRun('test/support/make-replay-db.ts', [join(dir, 'sandbox.duckdb'), '3000', '3']);
  server = await startCliServer(['serve', '--db', join(dir, 'sandbox.duckdb'), '--port', '4197', '--token', 'e2e-sandbox'], {
    MEDALLION_HOME: join(dir, 'home'),
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test('an imported dashboard that reads a local file is refused, its honest widget still works', async ({ page }) => {
  test.setTimeout(90_000);
  const counter = (name: string, dataset: string) => ({
    widget: {
      name,
      queries: [{ name: 'main_query', query: { datasetName: dataset, fields: [{ name: 'n', expression: '`n`' }], disaggregated: true } }],
      spec: {
        version: 2,
        widgetType: 'counter',
        encodings: { value: { fieldName: 'n', displayName: name } },
        frame: { showTitle: true, title: name },
      },
    },
    position: { x: name === 'Honest' ? 0 : 2, y: 0, width: 2, height: 2 },
  });
  const doc = {
    datasets: [
      { name: 'honest', queryLines: ['SELECT count(*) AS n FROM payments_enriched_silver'] },
      { name: 'thief', queryLines: [`SELECT content AS n FROM read_text('${join(dir, 'secret.txt')}')`] },
    ],
    pages: [{ name: 'p', displayName: 'Trojan', layout: [counter('Honest', 'honest'), counter('Thief', 'thief')] }],
  };
  const file = join(dir, 'trojan.lvdash.json');
  writeFileSync(file, JSON.stringify(doc));

  const d = new DashboardPage(page);
  await d.openGallery(`${server.url}#/dashboards`);
  await page.getByTestId('lakeview-file-input').setInputFiles(file);
  await expect(page.getByTestId('gallery-status')).toContainText('Imported “Trojan” with 2 widgets');
  await page.locator('[data-testid=dashboard-card][data-dashboard-id="imported:trojan"]').click();
  await expect(page.locator('[data-widget-id=Honest][data-state=ready]')).toBeVisible();
  const refused = page.locator('[data-widget-id=Thief]').getByTestId('widget-error');
  await expect(refused).toContainText('was refused');
  await expect(refused).toContainText('read_text() is not allowed');
  await expect(page.locator('body')).not.toContainText(SECRET);
});

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { startCliServer, type CliServer } from './support/cli-server';
import { buildAndRun } from './support/node-build';

const EXPECTED: [string, string, number][] = [
  ['executive-overview', 'Executive Overview', 12],
  ['decline-analysis', 'Decline Analysis', 10],
  ['real-time-monitoring', 'Real-Time Monitoring', 8],
  ['fraud-risk', 'Fraud & Risk', 9],
  ['merchant-performance', 'Merchant Performance', 11],
  ['routing-optimization', 'Routing Optimization', 8],
  ['daily-trends', 'Daily Trends', 7],
  ['3ds-authentication-security', '3DS & Authentication Security', 6],
  ['financial-impact', 'Financial Impact', 9],
  ['technical-performance', 'Technical Performance', 7],
];

const dir = join(__dirname, '..', '..', '.e2e', 'dashboards');
let server: CliServer;
let base: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  await buildAndRun('test/support/make-replay-db.ts', [join(dir, 'replayed.duckdb'), '60000', '21']);
  server = await startCliServer(['serve', '--db', join(dir, 'replayed.duckdb'), '--port', '4191', '--token', 'e2e-dashboards'], {
    MEDALLION_HOME: join(dir, 'home'),
  });
  base = server.url;
});

test.afterAll(async () => {
  await server?.stop();
});

test('opens each of the ten dashboards: all widgets, no errors, a filter changes the numbers, the export header follows', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const d = new DashboardPage(page);
  await d.openGallery(base);
  await expect(page.getByTestId('dashboard-card')).toHaveCount(10);
  for (const [id, title, count] of EXPECTED) {
    await page.goto(`${base}#/dashboards/${id}`);
    await expect(page.getByTestId('dashboard-title')).toHaveText(title);
    await expect(d.widgets).toHaveCount(count);
    await expect(d.errors).toHaveCount(0);
    await expect(page.locator('[data-testid=widget][data-state=ready]')).toHaveCount(count);
    // Read once every widget is ready: under load, a read before that saw counters still loading.
    const before = await d.counterValues();
    expect(before.length).toBeGreaterThan(0);
    expect(await d.filterBarRows(), `${title}: the filters and Reset fit one row at 1280 px`).toBe(1);

    await page.getByTestId('filter-card-network').selectOption('Visa');
    await expect.poll(() => d.counterValues(), { message: `${title}: counters change with the card-network filter` }).not.toEqual(before);
    await expect(d.errors).toHaveCount(0);

    // What a PDF (print) or PNG export carries at its top.
    await expect(page.getByTestId('export-filters')).toContainText('card network: Visa');
  }
});

test('clicking a bar cross-filters the dashboard; Rows drills to silver; SQL opens in the editor', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/executive-overview`);
  await d.settled();
  const before = await d.counterValues();
  const bars = page.locator('[data-widget-id=network_approval] .recharts-bar-rectangle');
  await expect(bars).toHaveCount(5);
  await bars.first().click();
  await expect(page.getByTestId('filter-card-network')).not.toHaveValue('');
  await expect.poll(() => d.counterValues()).not.toEqual(before);

  await page.locator('[data-widget-id=top_declines]').hover();
  await page.locator('[data-widget-id=top_declines]').getByTestId('widget-drill').click();
  await expect(page.getByTestId('drill-panel')).toBeVisible();
  await expect(page.getByTestId('drill-total')).toContainText(/Rows 1–100 of [\d,]+/);
  await expect(page.getByTestId('drill-description')).toContainText('NOT is_approved');
  // Headers an analyst reads (no engine type names) and times to the second, not the microsecond.
  const drill = page.getByTestId('drill-panel');
  await expect(drill.locator('thead')).toContainText('time');
  expect(await drill.locator('thead').innerText()).not.toMatch(/TIMESTAMP|VARCHAR|DECIMAL|BIGINT/);
  const cells = await drill.locator('tbody').innerText();
  expect(cells).toMatch(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/);
  expect(cells).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d/);
  await page.getByTestId('drill-next').click();
  await expect(page.getByTestId('drill-total')).toContainText(/Rows 101–200/);
  await page.keyboard.press('Escape');

  const widget = page.locator('[data-widget-id=transactions]');
  await widget.hover();
  await widget.getByTestId('widget-sql').click();
  await expect(widget.getByTestId('widget-sql-text')).toContainText('payments_enriched_silver');
  await widget.getByTestId('widget-open-sql').click();
  await expect(page).toHaveURL(/#\/sql$/);
  await expect(page.getByTestId('sql-editor')).toContainText(/DATE.'\d{4}-\d{2}-\d{2}'/);
});

test('an imported Lakeview file: a failing dataset and an unknown widget type stay inside their widgets', async ({ page }) => {
  test.setTimeout(90_000);
  const d = new DashboardPage(page);
  const file = join(dir, 'mixed.lvdash.json');
  const widget = (name: string, type: string, dataset: string, field: string, x: number) => ({
    widget: {
      name,
      queries: [
        { name: 'main_query', query: { datasetName: dataset, fields: [{ name: field, expression: `\`${field}\`` }], disaggregated: true } },
      ],
      spec: {
        version: 2,
        widgetType: type,
        encodings: { value: { fieldName: field, displayName: name } },
        frame: { showTitle: true, title: name },
      },
    },
    position: { x, y: 0, width: 2, height: 2 },
  });
  const doc = {
    datasets: [
      { name: 'good', displayName: 'Good', queryLines: ['SELECT count(*) AS n FROM payments_enriched_silver'] },
      { name: 'bad', displayName: 'Bad', queryLines: ['SELECT no_such_column AS n FROM payments_enriched_silver'] },
    ],
    pages: [
      {
        name: 'p',
        displayName: 'Mixed bag',
        layout: [
          widget('Good', 'counter', 'good', 'n', 0),
          widget('Bad', 'counter', 'bad', 'n', 2),
          widget('Map', 'choropleth-map', 'good', 'n', 4),
        ],
      },
    ],
  };
  writeFileSync(file, JSON.stringify(doc));
  await d.openGallery(`${base}#/dashboards`);
  await page.getByTestId('lakeview-file-input').setInputFiles(file);
  await expect(page.getByTestId('gallery-status')).toContainText(
    'Imported “Mixed bag” with 3 widgets. 1 widget(s) are shown as placeholders: Map (choropleth-map)',
  );
  await page.locator('[data-testid=dashboard-card][data-dashboard-id="imported:mixed"]').click();
  await expect(d.widgets).toHaveCount(3);
  await expect(page.locator('[data-widget-id=Good][data-state=ready]')).toBeVisible();
  await expect(page.locator('[data-widget-id=Bad]').getByTestId('widget-error')).toContainText('no_such_column');
  await expect(page.locator('[data-widget-id=Map]').getByTestId('widget-unsupported')).toContainText('choropleth-map');

  const csv = page.waitForEvent('download');
  await page.locator('[data-widget-id=Good]').hover();
  await page.locator('[data-widget-id=Good]').getByTestId('widget-csv').click();
  expect(readFileSync(await (await csv).path(), 'utf8')).toMatch(/^n\r\n\d+\r\n$/);
  const png = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const pngBytes = readFileSync(await (await png).path());
  expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
});

test('refreshes from pushed kpis.changed events while a live stream runs, with a live indicator', async ({ page }) => {
  test.setTimeout(90_000);
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/real-time-monitoring`);
  const before = await d.counterValues();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-live', 'false');
  const call = (method: string, input: unknown) =>
    page.evaluate(
      async ([m, body]) => {
        const token = sessionStorage.getItem('medallion.token') ?? '';
        const r = await fetch(`/api/call/${m}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await r.json()) as { ok: boolean };
      },
      [method, input] as const,
    );
  expect((await call('pipeline.startLive', { rate: 200 })).ok).toBe(true);
  try {
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-live', 'true', { timeout: 30_000 });
    await expect.poll(() => d.counters.allInnerTexts(), { timeout: 30_000 }).not.toEqual(before);
    await expect(d.errors).toHaveCount(0);
  } finally {
    await call('pipeline.stopLive', {});
  }
});

test('a bundle of Executive Overview opens with a fresh profile and no database and shows the same counter values', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/executive-overview`);
  const source = await d.counterValues();
  await new DashboardPage(page).packageDashboard({});
  await expect(page.getByTestId('dashboard-notice')).toContainText('Packaged “Executive Overview”', { timeout: 60_000 });
  const path = /to (\S+\.mdash)/.exec((await page.getByTestId('dashboard-notice').innerText()) ?? '')![1]!;

  const viewer = await startCliServer(['bundle', 'open', path, '--port', '4192'], { MEDALLION_HOME: join(dir, 'no-such-home') });
  try {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(viewer.url);
    const b = new DashboardPage(fresh);
    await expect(fresh.getByTestId('dashboard-title')).toHaveText('Executive Overview');
    await expect(fresh.locator('.presentation')).toBeVisible();
    await expect(fresh.getByTestId('package-dashboard')).toHaveCount(0);
    expect(await b.counterValues()).toEqual(source);
    await expect(b.errors).toHaveCount(0);
    await fresh.getByTestId('filter-card-network').selectOption('Visa');
    await expect.poll(() => b.counterValues()).not.toEqual(source);
    await context.close();
  } finally {
    await viewer.stop();
  }

  // The same file through the browser's file picker, and a damaged copy refused with a reason.
  await d.openGallery(`${base}#/dashboards`);
  await page.getByTestId('bundle-file-input').setInputFiles(path);
  await expect(page.locator('.presentation')).toBeVisible();
  expect(await d.counterValues()).toEqual(source);
  const damaged = join(dir, 'damaged.mdash');
  const bytes = readFileSync(path);
  bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
  writeFileSync(damaged, bytes);
  await d.openGallery(`${base}#/dashboards`);
  await page.getByTestId('bundle-file-input').setInputFiles(damaged);
  await expect(page.getByTestId('gallery-status')).toContainText('checksum does not match');
});

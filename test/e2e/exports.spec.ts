import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readPngText } from '../../src/shared/dashboards/png-text';
import { pdfText } from '../support/pdf-text';
import { DashboardPage } from './pages/dashboard-page';
import { startCliServer, type CliServer } from './support/cli-server';
import { buildAndRun } from './support/node-build';

const dir = join(__dirname, '..', '..', '.e2e', 'exports');
const port = String(Number(process.env.E2E_PORT ?? 4183) + 60);
let server: CliServer;
let base: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  await buildAndRun('test/support/make-replay-db.ts', [join(dir, 'replayed.duckdb'), '60000', '60']);
  server = await startCliServer(['serve', '--db', join(dir, 'replayed.duckdb'), '--port', port, '--token', 'e2e-exports'], {
    MEDALLION_HOME: join(dir, 'home'),
  });
  base = server.url;
});

test.afterAll(async () => {
  await server?.stop();
});

const compact = (text: string) => text.replace(/\s+/g, '');

test('PDF: the print view is vector, with selectable title, filters, data time and source, and tables break between rows', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => void (window as unknown as { printCalls: number }).printCalls++;
  });
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/merchant-performance`);
  await d.selectFilter('filter-card-network', 'Visa');
  // The button says what it does: the browser's print dialog, where "Save as PDF" writes the file.
  await expect(page.getByTestId('export-pdf')).toHaveText('Print / Save as PDF…');
  await page.getByTestId('export-pdf').click();
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);

  // What "Save as PDF" in that print dialog writes: Chromium's print to PDF of the same page.
  const rows = await page
    .locator('[data-widget-id=declining] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '').join('')));
  expect(rows.length).toBeGreaterThan(5);
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(dir, 'merchant-performance.pdf'), bytes);
  const pdf = pdfText(bytes);
  const all = compact(pdf.pages.join(' '));
  expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
  expect(bytes.length).toBeLessThan(1_000_000);
  expect(pdf.images).toBe(0);
  expect(all).toContain(compact('Merchant Performance'));
  expect(all).toContain(compact('card network: Visa'));
  expect(all).toMatch(/Datato\d{4}-\d{2}-\d{2}/);
  expect(all).toContain(compact('Source: Local DuckDB · replayed.duckdb'));
  // Every table row is whole on one page: none is cut across a page break.
  for (const row of rows)
    expect(
      pdf.pages.some((p) => compact(p).includes(compact(row))),
      `row ${row}`,
    ).toBe(true);
});

test('the print view is light on white paper even from the dark theme, and the button says so', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/executive-overview`);
  await d.settled();
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  const colours = () =>
    page.evaluate(() => {
      const widget = document.querySelector('.widget')!;
      return {
        page: getComputedStyle(document.body).backgroundColor,
        widget: getComputedStyle(widget).backgroundColor,
        text: getComputedStyle(widget).color,
      };
    });
  const screen = await colours();
  expect(screen.widget, 'the dark theme on screen').not.toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ media: 'print' });
  expect(await colours()).toEqual({ page: 'rgb(255, 255, 255)', widget: 'rgb(255, 255, 255)', text: 'rgb(27, 31, 39)' });
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('export-pdf')).toHaveAttribute('title', /prints in light colours on white, whatever the theme/);
});

test('PNG: carries the same header, drawn above the widgets and in the file metadata', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/executive-overview`);
  await d.selectFilter('filter-segment', 'Travel');
  const gridHeight = await page.getByTestId('dashboard-grid').evaluate((g) => g.scrollHeight);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const png = readFileSync(await (await download).path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const meta = readPngText(png);
  expect(meta.Title).toBe('Executive Overview');
  expect(meta.Description).toContain('segment: Travel');
  expect(meta.Description).toMatch(/Data to \d{4}-\d{2}-\d{2}/);
  expect(meta.Source).toContain('Local DuckDB');
  // The header is in the picture too: the image is taller than the widgets alone (pixel ratio 1.5).
  expect(png.readUInt32BE(20)).toBeGreaterThan((gridHeight + 30) * 1.5);
});

test('packaging: a date range, aggregates only and a note; the bundle opens as a snapshot of its own dates', async ({ page }) => {
  test.setTimeout(180_000);
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/executive-overview`);
  await d.settled();
  const to = await page.getByTestId('filter-to').inputValue();
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 44 * 86_400_000).toISOString().slice(0, 10);

  await d.packageDashboard({ from, to });
  const rowsPath = await d.packagedPath();
  await d.packageDashboard({ from, to, aggregatesOnly: true, note: 'For the board: approval held above 85% all quarter.' });
  await expect(page.getByTestId('dashboard-notice')).toContainText('aggregates only');
  const aggPath = await d.packagedPath();
  expect(statSync(aggPath).size * 5).toBeLessThan(statSync(rowsPath).size);

  // The source numbers for the same 45 days, to compare with the bundle.
  await page.getByTestId('filter-from').fill(from);
  const source = await d.counterValues();

  await d.openGallery(`${base}#/dashboards`);
  await page.getByTestId('bundle-file-input').setInputFiles(aggPath);
  await expect(page.locator('.presentation')).toBeVisible();
  await expect(page.getByTestId('snapshot-dates')).toHaveText(`Snapshot of ${from} to ${to}`);
  await expect(page.getByTestId('live-indicator')).not.toContainText('ago');
  await expect(page.getByTestId('bundle-note')).toHaveText('For the board: approval held above 85% all quarter.');
  expect(await d.counterValues()).toEqual(source);
  await expect(page.getByTestId('filter-fixed')).toBeVisible();
  await expect(page.getByTestId('filter-card-network')).toBeDisabled();

  // A row-level bundle keeps its filters, offering only ranges that fit in its 45 days.
  await d.openGallery(`${base}#/dashboards`);
  await page.getByTestId('bundle-file-input').setInputFiles(rowsPath);
  await expect(page.getByTestId('snapshot-dates')).toHaveText(`Snapshot of ${from} to ${to}`);
  await expect(page.getByTestId('bundle-note')).toHaveCount(0);
  const labels = await d.rangeLabels();
  expect(labels).toContain('Whole snapshot (45 days)');
  expect(labels).toContain('Last 30 days');
  expect(labels).not.toContain('Last 90 days');
  await expect(page.getByTestId('filter-range')).toHaveValue('all');
  expect(await d.counterValues()).toEqual(source);
});

test("today's unfinished day is a marked point, never a line falling to it, in the app and in the print", async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${base}#/dashboards/executive-overview`);
  await d.settled();
  const trend = page.locator('[data-widget-id=value_trend]').getByTestId('chart-frame');
  await expect(trend).toHaveAttribute('data-partial', 'true');
  await expect(trend.locator('svg text', { hasText: /^partial · to \d{2}:\d{2}$/ })).toHaveCount(1);
  // One hollow dot per series for the partial day, and no segment joining it to the last full day.
  await expect(trend.locator('circle.recharts-dot[stroke-dasharray="2 2"]')).toHaveCount(2);
  const segments = await trend
    .locator('.partial-day path.recharts-curve')
    .evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
  // Whatever the partial series draws sits at the partial day's x alone: nothing reaches back to the day before.
  for (const d of segments)
    expect(new Set([...d.matchAll(/[MLC]\s*(-?[\d.]+)/g)].map((m) => Math.round(Number(m[1])))).size, d).toBeLessThanOrEqual(1);
  await page.emulateMedia({ media: 'print' });
  await expect(trend.locator('circle.recharts-dot[stroke-dasharray="2 2"]')).toHaveCount(2);
});

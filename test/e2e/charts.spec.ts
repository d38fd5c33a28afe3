import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ChartWidget } from './pages/chart-widget';
import { DashboardPage } from './pages/dashboard-page';
import { startCliServer, type CliServer } from './support/cli-server';
import { buildAndRun } from './support/node-build';

const dir = join(__dirname, '..', '..', '.e2e', 'charts');
let server: CliServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  await buildAndRun('test/support/make-replay-db.ts', [join(dir, 'replayed.duckdb'), '40000', '21']);
  server = await startCliServer(['serve', '--db', join(dir, 'replayed.duckdb'), '--token', 'e2e-charts'], {
    MEDALLION_HOME: join(dir, 'home'),
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test('a quick click filters on the bar under the pointer, not the one the tooltip showed; the URL keeps the view', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${server.url}#/dashboards/executive-overview`);
  await d.settled();
  const chart = new ChartWidget(page, 'network_approval');
  const names = await chart.categories();
  await expect(chart.bars).toHaveCount(5);
  expect(names.length).toBe(5);
  await chart.quickClick(0, 3, names[0]!);
  await expect(page.getByTestId('filter-card-network')).toHaveValue(names[3]!);
  await expect(page).toHaveURL(new RegExp(`#/dashboards/executive-overview\\?network=${encodeURIComponent(names[3]!)}$`));

  // The bookmarked view opens with the same filter, in a fresh page.
  const bookmarked = page.url();
  await page.goto('about:blank');
  await page.goto(bookmarked);
  await d.settled();
  await expect(page.getByTestId('filter-card-network')).toHaveValue(names[3]!);
});

test('the keyboard reaches a chart: arrows choose a value, Enter applies it', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${server.url}#/dashboards/executive-overview`);
  await d.settled();
  const chart = new ChartWidget(page, 'network_approval');
  const names = await chart.categories();
  await chart.frame.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(chart.root.getByTestId('chart-focus')).toContainText(`${names[1]}: Approval rate`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('filter-card-network')).toHaveValue(names[1]!);
  await expect(page).toHaveURL(new RegExp(`network=${encodeURIComponent(names[1]!)}`));
});

test('approval rates on a zoomed axis with the average marked; colours follow the category, risk is semantic', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${server.url}#/dashboards/executive-overview`);
  await d.settled();
  const rates = new ChartWidget(page, 'network_approval');
  await expect(rates.frame).toHaveAttribute('data-zoomed', 'true');
  await expect(rates.root.getByTestId('chart-axis-note')).toHaveText(/^axis from [1-9]\d(\.\d+)?%$/);
  await expect(rates.root.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(rates.root.locator('svg text', { hasText: /^avg \d+(\.\d+)?%$/ })).toHaveCount(1);

  const segments = new ChartWidget(page, 'segment_volume');
  const before = await segments.legendColors();
  expect(Object.keys(before).length).toBeGreaterThan(3);
  await d.selectFilter('filter-card-network', 'Amex');
  const after = await segments.legendColors();
  for (const [name, colour] of Object.entries(after)) expect(colour, `${name} keeps its colour under a filter`).toBe(before[name]);

  await page.goto(`${server.url}#/dashboards/fraud-risk`);
  await d.settled();
  const tiers = await new ChartWidget(page, 'tiers').legendColors();
  expect(tiers['HIGH']).toBe('#d64541');
  expect(tiers['MEDIUM']).toBe('#e0a526');
  expect(tiers['LOW']).toBe('#2f9e6e');
});

test('the "avg" label of a zoomed rate chart is placed clear of the bars, inside its widget', async ({ page }) => {
  const d = new DashboardPage(page);
  for (const [dashboard, widgets] of [
    ['routing-optimization', ['by_processor', 'network_x_processor']],
    ['executive-overview', ['network_approval']],
  ] as const) {
    await page.goto(`${server.url}#/dashboards/${dashboard}`);
    await d.settled();
    for (const id of widgets) {
      const chart = new ChartWidget(page, id);
      await chart.root.scrollIntoViewIfNeeded();
      const { covered, inFrame, label } = await chart.averageLabelOverlap();
      expect(covered, `${dashboard}/${id}: bars under the avg label`).toBe(0);
      expect(inFrame, `${dashboard}/${id}: the avg label stays inside its chart (${JSON.stringify(label)})`).toBe(true);
    }
  }
});

test('KPI titles are not covered by the hover buttons; no dead space under a KPI row', async ({ page }) => {
  const d = new DashboardPage(page);
  await page.goto(`${server.url}#/dashboards/executive-overview`);
  await d.settled();
  const counter = page.locator('.widget-counter').first();
  await counter.hover();
  const title = (await counter.locator('h3').boundingBox())!;
  const actions = (await counter.locator('.widget-actions').boundingBox())!;
  const overlap = !(actions.y >= title.y + title.height || actions.y + actions.height <= title.y);
  expect(overlap && actions.x < title.x + title.width, 'hover buttons overlap the KPI title').toBe(false);

  // Fraud & Risk: the four KPIs beside the four-row risk-tier pie sit two by two, reaching the pie's foot
  // with no empty band under them, and no tile is a tall hollow box.
  await page.goto(`${server.url}#/dashboards/fraud-risk`);
  await d.settled();
  const box = async (id: string) => (await page.locator(`[data-widget-id=${id}]`).boundingBox())!;
  const [first, last, pie] = [await box('fraud_rate'), await box('high_risk'), await box('tiers')];
  expect(Math.abs(first.y - pie.y)).toBeLessThan(2);
  expect(Math.abs(last.y + last.height - (pie.y + pie.height))).toBeLessThan(2);
  expect(first.height).toBeLessThan(pie.height * 0.6);
  expect(first.width).toBeGreaterThan(pie.width * 0.8);
});

test('every KPI title and change fits its tile at 1280×800, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  const d = new DashboardPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  const ids = [
    'executive-overview',
    'real-time-monitoring',
    'decline-analysis',
    'fraud-risk',
    'routing-optimization',
    'technical-performance',
    'merchant-performance',
    '3ds-authentication-security',
    'financial-impact',
    'daily-trends',
  ];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const id of ids) {
      await page.goto(`${server.url}#/dashboards/${id}`);
      await page.reload();
      await d.settled();
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await expect(page.getByTestId('counter-change').first()).toBeVisible();
      const cut = await page
        .locator('.widget-counter')
        .evaluateAll((tiles) =>
          tiles.flatMap((tile) =>
            [...tile.querySelectorAll<HTMLElement>('h3, [data-testid=counter-change], [data-testid=counter-value]')]
              .filter((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1)
              .map((el) => `${tile.getAttribute('data-widget-id')}: ${el.textContent}`),
          ),
        );
      expect(cut, `${id} (${scheme}): cut-off KPI text`).toEqual([]);
    }
  }
});

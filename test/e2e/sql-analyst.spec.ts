import type { APIRequestContext } from '@playwright/test';
import { E2E_TOKEN, expect, test } from './fixtures';
import { SqlPage } from './pages/sql-page';

async function sql(request: APIRequestContext, statement: string): Promise<void> {
  const r = await request.post('/api/call/sqlwb.execute', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { sql: statement } });
  const body = (await r.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await sql(
    request,
    `CREATE OR REPLACE TABLE analyst_payments AS
     SELECT range AS transaction_id,
            ['Visa', 'Visa', 'Mastercard', 'Elo'][range % 4 + 1] AS card_network,
            CASE WHEN range % 20 = 0 THEN NULL ELSE round(5 + (range % 97) * 1.25, 2) END AS amount,
            TIMESTAMP '2026-11-01' + INTERVAL (range) MINUTE AS event_timestamp,
            CAST('Digital Goods' AS ENUM('Retail', 'Travel', 'Gaming', 'Digital Goods', 'Food Delivery', 'Subscriptions', 'Marketplace')) AS merchant_segment
     FROM range(4000)`,
  );
  await sql(request, `CREATE OR REPLACE VIEW v_analyst_visa AS SELECT * FROM analyst_payments WHERE card_network = 'Visa'`);
});

test.describe('SQL page for analysts', () => {
  test('browses tables and views, profiles a column, and inserts a name into the editor', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await expect(
      app.page.getByTestId('schema-group-table').getByTestId('schema-relation').filter({ hasText: 'analyst_payments' }),
    ).toHaveCount(1);
    await expect(app.page.getByTestId('schema-group-view').locator('[data-name="v_analyst_visa"]')).toHaveCount(1);
    await expect(page.relation('analyst_payments').getByTestId('schema-row-count')).toHaveText('4,000 rows');
    await page.expand('analyst_payments');
    await expect(page.column('analyst_payments', 'amount')).toContainText('DECIMAL');
    await expect(page.column('analyst_payments', 'event_timestamp')).toContainText('TIMESTAMP');
    // A long type (an ENUM's values) is shortened and never widens the panel over the editor.
    await expect(page.column('analyst_payments', 'merchant_segment')).toContainText(/ENUM$/);
    expect((await app.page.getByTestId('schema-browser').boundingBox())!.width).toBeLessThanOrEqual(262);

    await page.column('analyst_payments', 'amount').click();
    await expect(page.profile).toContainText('analyst_payments.amount');
    await expect(page.profile.getByTestId('profile-nulls')).toHaveText('200 (5.0%)');
    await expect(page.profile.getByTestId('profile-min')).toHaveText('5');
    await expect(page.profile.getByTestId('profile-max')).toHaveText('125');
    await expect(page.profile.getByTestId('profile-histogram').locator('.histogram-bar')).toHaveCount(20);

    await page.column('analyst_payments', 'card_network').click();
    await expect(page.profile.getByTestId('profile-top-value')).toHaveCount(3);
    await expect(page.profile.getByTestId('profile-top-value').first()).toContainText('Visa');
    await expect(page.profile.getByTestId('profile-top-value').first()).toContainText('2,000 (50%)');

    await page.column('analyst_payments', 'event_timestamp').click();
    await expect(page.profile.getByTestId('profile-min')).toHaveText('2026-11-01 00:00:00');
    await expect(page.profile.locator('.histogram-axis')).toHaveText(/^2026-11-01\s*2026-11-03 18:39$/);

    // The filter narrows the tree; a view's columns profile too.
    await app.page.getByLabel('Filter tables and columns').fill('v_analyst');
    await expect(page.relation('analyst_payments')).toHaveCount(0);
    await page.column('v_analyst_visa', 'card_network').click();
    await expect(page.profile.getByTestId('profile-rows')).toHaveText('2,000');

    await page.setSql('SELECT  FROM analyst_payments');
    await app.page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT '.length; i++) await app.page.keyboard.press('ArrowRight');
    await page.column('v_analyst_visa', 'card_network').dblclick();
    await expect.poll(() => page.editorText()).toContain('SELECT card_network FROM analyst_payments');
  });

  test('Run all gives one result tab per statement, and the elapsed time ticks while a query runs', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.setSql(
      'SELECT * FROM range(7);\nCREATE TEMP TABLE analyst_tmp AS SELECT 1 AS x;\nSELECT card_network, count(*) AS n FROM analyst_payments GROUP BY ALL ORDER BY n DESC;',
    );
    await page.runAll.click();
    await expect(page.resultTabs).toHaveCount(3);
    await expect(page.resultTabs.nth(0)).toContainText('SELECT * FROM range(7) · 7 rows');
    await expect(page.resultTabs.nth(1)).toContainText('CREATE TEMP TABLE analyst_tmp');
    await expect(page.resultTabs.nth(2)).toContainText('3 rows');
    await expect(page.resultTabs.nth(2)).toHaveAttribute('aria-selected', 'true');
    await expect(page.resultTabs.nth(0)).toContainText(/\d+ ms|\d+\.\d s/);
    await expect(page.row(0)).toContainText('Visa');
    await page.resultTabs.nth(0).click();
    await expect(page.total).toHaveText('7 rows');
    await expect(app.page.getByTestId('sql-finished')).toContainText(/Ran in \d/);

    await page.runSql('SELECT count(*) FROM range(1000000000000)');
    const elapsed = app.page.getByTestId('sql-running').getByTestId('sql-elapsed');
    await expect(elapsed).toBeVisible();
    const first = await elapsed.textContent();
    await expect(elapsed).not.toHaveText(first ?? '');
    await page.cancel.click();
    await expect(page.error).toContainText('Cancelled');
    await expect(app.page.getByTestId('sql-finished')).toContainText(/Ran in \d/);
  });

  test('autocomplete is accepted with Tab or Enter and stays quiet after AS', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await expect(app.page.getByText(/tables & views in autocomplete/)).toBeVisible();
    await page.setSql('');
    await app.page.keyboard.type('SELECT count(*) AS ');
    await expect(page.suggestions).toHaveCount(0);
    await app.page.keyboard.type('n');
    // Enter makes a new line: no suggestion took it.
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.type('-- next');
    await expect.poll(() => page.editorText()).toBe('SELECT count(*) AS n\n-- next');
    await page.setSql('SELECT * FROM analyst_pay');
    await app.page.keyboard.press('ControlOrMeta+Space');
    await expect(page.suggestions).toContainText('analyst_payments');
    await app.page.keyboard.press('Tab');
    await expect.poll(() => page.editorText()).toBe('SELECT * FROM analyst_payments');
    await app.page.keyboard.type(' WHERE card_n');
    await expect(page.suggestions).toContainText('card_network');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => page.editorText()).toBe('SELECT * FROM analyst_payments WHERE card_network');
  });

  test('a chart splits a line by a category, in its own colours, and puts a second measure on a right axis', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.runSql(
      `SELECT date_trunc('hour', event_timestamp) AS hour, card_network, count(*) AS transactions, avg(amount) AS avg_amount
       FROM analyst_payments GROUP BY ALL ORDER BY hour`,
    );
    await expect(page.total).toHaveText(/rows/);
    await page.panel('chart').click();
    const chart = app.page.getByTestId('result-chart');
    await expect(chart).toHaveAttribute('data-kind', 'line');
    await chart.getByLabel('Split by').selectOption('card_network');
    await chart.getByRole('checkbox', { name: 'avg_amount' }).uncheck();
    await expect(chart.locator('.recharts-line')).toHaveCount(3);
    await expect(chart.locator('.recharts-legend-item-text')).toHaveText(['Elo', 'Mastercard', 'Visa']);
    // Visa is blue and Elo gold everywhere in the product (shared palette), whatever else is drawn.
    const legend = () =>
      chart
        .locator('.recharts-legend-item')
        .evaluateAll((items) => items.map((i) => `${i.textContent}=${i.querySelector('path')?.getAttribute('stroke') ?? ''}`));
    await expect.poll(legend).toEqual(['Elo=#c9a227', 'Mastercard=#c4661f', 'Visa=#3b7dd8']);
    const strokes = await chart.locator('.recharts-line-curve').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')).sort());
    expect(strokes).toEqual(['#3b7dd8', '#c4661f', '#c9a227']);

    await chart.getByRole('checkbox', { name: 'avg_amount' }).check();
    await chart.getByLabel('Right axis').selectOption('avg_amount');
    await expect(chart.locator('.recharts-yAxis')).toHaveCount(2);
    await expect(chart.locator('.recharts-label')).toContainText(['transactions', 'avg_amount']);
    const canvas = (await chart.locator('.chart-canvas').boundingBox())!;
    const axisBoxes = await chart.locator('.recharts-yAxis').evaluateAll((axes) => axes.map((a) => a.getBoundingClientRect().x));
    expect(Math.max(...axisBoxes)).toBeGreaterThan(canvas.x + canvas.width / 2);
    await expect(chart.locator('.recharts-line')).toHaveCount(6);
    await expect(chart.locator('.recharts-legend-item-text')).toContainText(['Elo · avg_amount (right)']);
  });
});

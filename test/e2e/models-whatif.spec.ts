import { expect, test } from './fixtures';
import { ModelsPage, replaySmallDataSet, trainOne } from './pages/models-page';

/** Significant digits of a tick as drawn ("1.23K" → 3, "417" → 3, "0.05" → 1). */
const significant = (tick: string) => tick.replace(/[^\d]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;

test.describe('model what-if', () => {
  test.setTimeout(240_000);

  test('sweeps amount over the data’s own range with readable ticks and the current value marked; the heat map has a legend', async ({
    app,
    request,
    watched,
  }) => {
    await replaySmallDataSet(request);
    const id = await trainOne(request, 'approval_propensity');
    await app.goTo('models');
    const models = new ModelsPage(app.page);
    await models.pick(id);
    // Every input is tied to its label, so it can be found (and read out) by its name.
    await app.page.getByRole('textbox', { name: 'amount', exact: true }).fill('43');
    await app.page.getByRole('textbox', { name: 'fraud_score', exact: true }).fill('0.1');
    await models.tab('what-if').click();
    await app.page.getByLabel('Sweep feature').selectOption('amount');
    await app.page.getByTestId('sweep-run').click();

    const ticks = await models.sweepTicks();
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const tick of ticks) expect(significant(tick), tick).toBeLessThanOrEqual(3);
    // The data's range, not the schema's 0…10,000: the last tick is a typical large payment.
    const values = ticks.map((t) => Number(t.replace(/,/g, '').replace(/K$/, 'e3')));
    expect(Math.max(...values)).toBeLessThan(10_000);
    await expect(app.page.getByTestId('sweep-current')).toContainText('At the current amount = 43: P(');
    await expect(app.page.getByTestId('sweep-chart').locator('.recharts-reference-line')).toHaveCount(1);
    await expect(app.page.getByTestId('sweep-chart')).toContainText('current 43');

    await app.page.getByLabel('Heat map x feature').selectOption('amount');
    await app.page.getByLabel('Heat map y feature').selectOption('fraud_score');
    await app.page.getByTestId('heat-run').click();
    const heat = app.page.getByTestId('heatmap');
    await expect(heat.getByTestId('heatmap-legend')).toContainText('0%');
    await expect(heat.getByTestId('heatmap-legend')).toContainText('100%');
    for (const cell of await heat.locator('td').allTextContents()) expect(cell).toMatch(/^\d{1,3}$/);
    for (const label of await heat.locator('th').allTextContents()) if (label) expect(significant(label), label).toBeLessThanOrEqual(3);
    expect(watched.consoleErrors).toEqual([]);
  });
});

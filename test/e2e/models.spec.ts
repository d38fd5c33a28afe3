import { startFakeServing } from '../support/fake-serving-endpoint';
import { expect, test } from './fixtures';
import { apiCall, ModelsPage } from './pages/models-page';

test.describe('model sandbox', () => {
  test.setTimeout(300_000);

  test('trains on a replayed data set, predicts with contributions, sweeps, scores a cohort and compares two versions', async ({
    app,
    request,
    watched,
  }) => {
    const models = await ModelsPage.trainAllOnSmallDataSet(app, request);
    await expect(models.trainStatus).toContainText('Trained', { timeout: 180_000 });
    await expect(models.trainStatus).toContainText('smart_retry@v');
    // Another spec may have trained this model on the shared server first: take the version this run made.
    const trained = Number(/approval_propensity@v(\d+)/.exec((await models.trainStatus.textContent()) ?? '')?.[1]);
    expect(trained).toBeGreaterThanOrEqual(1);
    const first = `approval_propensity@v${trained}`;
    const second = `approval_propensity@v${trained + 1}`;

    await models.pick(first);
    await expect(app.page.getByTestId('model-form')).toBeVisible();
    await expect(app.page.getByTestId('holdout-metrics')).toBeAttached();
    await models.field('amount').fill('a lot');
    await models.predict.click();
    await expect(models.fieldError('amount')).toContainText('amount must be a number');
    await expect(models.prediction).toHaveCount(0);
    await models.field('amount').fill('250');
    await models.field('fraud_score').fill('0.15');
    await models.field('card_network').selectOption('Mastercard');
    await models.predict.click();
    await expect(app.page.getByTestId('prediction-label')).toHaveText(/approved|declined/);
    await expect(app.page.getByTestId('probabilities')).toContainText('%');
    await expect(models.contributions.locator('.recharts-bar-rectangle')).toHaveCount(15);

    await app.page.getByTestId('load-random').click();
    await expect(app.page.getByTestId('sample-note')).toContainText('Loaded');

    await models.tab('what-if').click();
    await app.page.getByTestId('sweep-feature').selectOption('fraud_score');
    await app.page.getByTestId('sweep-run').click();
    await expect(app.page.getByTestId('sweep-chart').locator('.recharts-line')).toHaveCount(2);
    await app.page.getByTestId('heat-x').selectOption('fraud_score');
    await app.page.getByTestId('heat-y').selectOption('card_network');
    await app.page.getByTestId('heat-run').click();
    await expect(app.page.getByTestId('heatmap').locator('tr')).toHaveCount(6);

    await models.tab('batch').click();
    await app.page.getByTestId('batch-cohort-where').fill("card_network = 'Visa'");
    await app.page.getByTestId('batch-cohort-limit').fill('3000');
    await app.page.getByTestId('batch-save-as').fill('e2e_visa_scores');
    await app.page.getByTestId('batch-run').click();
    await expect(app.page.getByTestId('batch-summary')).toContainText('rows scored');
    await expect(app.page.getByTestId('batch-saved')).toHaveText('e2e_visa_scores');
    await expect(app.page.getByTestId('batch-metrics')).toContainText('accuracy');
    const saved = await apiCall<{ rows: number[][] }>(request, 'engine.query', { sql: 'SELECT count(*) FROM e2e_visa_scores' });
    expect(saved.rows[0]![0]).toBeGreaterThan(2900);

    const { jobId } = await apiCall<{ jobId: string }>(request, 'models.train', { models: ['approval_propensity'], holdoutFraction: 0.3 });
    expect(jobId).toBeTruthy();
    await expect(models.trainStatus).toContainText(second, { timeout: 120_000 });
    await models.pick(first);
    await models.tab('compare').click();
    await app.page.getByTestId('compare-b').selectOption(second);
    await app.page.getByTestId('compare-cohort-limit').fill('2000');
    await app.page.getByTestId('compare-run').click();
    await expect(app.page.getByTestId('compare-summary')).toContainText('agreement');
    await expect(app.page.getByTestId('compare-result')).toContainText(second);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('shows a training moving (bar and message from its job progress) and Cancel ends it, saying what was kept', async ({
    app,
    request,
    watched,
  }) => {
    const models = await ModelsPage.trainAllOnSmallDataSet(app, request);
    const bar = app.page.getByTestId('train-progress');
    const message = app.page.getByTestId('train-message');
    // Seen in the first half of the four models (done / total), with the round the trainer is at.
    await expect
      .poll(
        async () => {
          const value = await bar.evaluate((b) => (b as HTMLProgressElement).value).catch(() => 0);
          return value > 0 && value < 0.5 && /Boosting round \d+ of \d+/.test((await message.textContent().catch(() => '')) ?? '');
        },
        { timeout: 120_000, intervals: [100] },
      )
      .toBe(true);
    await app.page.getByTestId('train-cancel').click();
    await expect(models.trainStatus).toHaveText('Cancelled; models finished before the cancel were kept.', { timeout: 60_000 });
    await expect(bar).toBeHidden();
    expect(watched.consoleErrors).toEqual([]);
  });

  test('registers a Databricks serving endpoint by name on a connection profile and predicts with it', async ({
    app,
    request,
    watched,
  }) => {
    const token = 'dapi0e2e0serving0token0123456789ab';
    const fake = await startFakeServing({
      tokens: [token],
      endpoints: {
        'retry-prod': (body) => ({
          status: 200,
          body: {
            predictions: (body as { dataframe_records: unknown[] }).dataframe_records.map(() => ({
              prediction: 'recovered',
              probabilities: { recovered: 0.7, not_recovered: 0.3 },
              recommended_wait_seconds: 3600,
            })),
          },
        }),
      },
    });
    try {
      await apiCall(request, 'warehouse.saveProfile', {
        name: 'E2E workspace',
        host: fake.host,
        warehouseId: 'e2e',
        authType: 'pat',
        secret: token,
        caCertPath: fake.caPath,
      });
      await app.goTo('models');
      const models = new ModelsPage(app.page);
      await models.tab('remote').click();
      await app.page.getByTestId('remote-source-serving').check();
      await app.page.getByTestId('remote-profile').selectOption({ label: `E2E workspace (${fake.host})` });
      await app.page.getByTestId('remote-endpoint').fill('retry-prod');
      await expect(app.page.getByTestId('remote-serving-url')).toContainText(
        `https://${fake.host}/serving-endpoints/retry-prod/invocations`,
      );
      await app.page.locator('.remote-form select').nth(1).selectOption('smart_retry');
      await app.page.getByTestId('remote-register').click();
      await expect(models.select).toHaveValue('remote:retry-prod');
      await models.tab('predict').click();
      await models.predict.click();
      await expect(app.page.getByTestId('prediction-label')).toHaveText('recovered');
      expect(fake.seen.at(-1)).toEqual({ path: '/serving-endpoints/retry-prod/invocations', authorization: `Bearer ${token}` });
      expect(await app.page.content()).not.toContain(token);
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

import { expect, test } from './fixtures';
import { apiCall, ModelsPage, replaySmallDataSet, trainMany } from './pages/models-page';

interface Listed {
  id: string;
  metrics: { accuracy: number; rocAuc: number | null } | null;
  settings: { maxDepth: number; rounds: number; features: string[] } | null;
}

test.describe('model retraining with settings', () => {
  test.setTimeout(420_000);

  test('a retrain with a shallower tree and one feature left out gives a new version with its settings; Policies run the version picked', async ({
    app,
    request,
    watched,
  }) => {
    await replaySmallDataSet(request);
    // Policies need all four models; another spec may have trained some on the shared server first.
    const ids = await trainMany(request, ['approval_propensity', 'risk_scoring', 'smart_routing', 'smart_retry']);
    const first = ids.find((id) => id.startsWith('approval_propensity@v'))!;
    const n = Number(first.split('@v')[1]);
    const second = `approval_propensity@v${n + 1}`;

    await app.goTo('models');
    const models = new ModelsPage(app.page);
    await models.pick(first);
    await expect(app.page.getByTestId('model-settings')).toContainText('50 rounds · depth 6 · learning rate 0.25 · all 15 features');

    const retrain = await models.openRetrain();
    await expect(retrain.getByTestId('retrain-run')).toHaveText(`Train approval_propensity v${n + 1}`);
    // A person's typo is answered in their words, and nothing is trained.
    await retrain.getByTestId('retrain-maxDepth').fill('0');
    await retrain.getByTestId('retrain-run').click();
    await expect(retrain.getByTestId('retrain-problem')).toHaveText('Tree depth: enter a whole number from 1 to 10.');
    await retrain.getByTestId('retrain-maxDepth').fill('2');
    await retrain.getByTestId('retrain-rounds').fill('20');
    await retrain.getByTestId('retrain-feature-processor').uncheck();
    await retrain.getByTestId('retrain-run').click();

    // The new version is selected when it is done, with the settings it was trained with.
    await expect(models.select).toHaveValue(second, { timeout: 180_000 });
    await expect(app.page.getByTestId('model-settings')).toContainText(
      '20 rounds · depth 2 · learning rate 0.25 · 14 of 15 features (without processor)',
    );
    await expect(models.field('processor')).toHaveCount(0);
    await expect(models.field('amount')).toBeVisible();
    const { models: listed } = await apiCall<{ models: Listed[] }>(request, 'models.list', {});
    const [a, b] = [listed.find((m) => m.id === first)!, listed.find((m) => m.id === second)!];
    expect(b.settings).toMatchObject({ maxDepth: 2, rounds: 20 });
    expect(b.settings!.features).not.toContain('processor');
    expect([b.metrics!.accuracy, b.metrics!.rocAuc]).not.toEqual([a.metrics!.accuracy, a.metrics!.rocAuc]);

    // What-if names the version that scored it.
    await models.tab('what-if').click();
    await app.page.getByTestId('sweep-run').click();
    await expect(app.page.getByTestId('whatif-model')).toHaveText(`Scored by ${second}`);

    // Policies: the picker starts at the version selected above; pick the older one and the run says so.
    await models.tab('policies').click();
    const picker = app.page.getByTestId('policy-version-approval_propensity');
    await expect(picker).toHaveValue(second);
    await picker.selectOption(first);
    await app.page.getByTestId('policy-run').click();
    await expect(app.page.getByTestId('policy-models')).toContainText(`${first},`, { timeout: 120_000 });
    await expect(app.page.getByTestId('policy-models')).not.toContainText(second);
    expect(watched.consoleErrors).toEqual([]);
  });
});

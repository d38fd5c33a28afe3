import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { apiCall } from './pages/models-page';
import { PipelinePage } from './pages/pipeline-page';

const count = async (p: PipelinePage, layer: 'bronze' | 'silver' | 'quarantine') =>
  Number((await p.layer(layer).innerText()).replaceAll(',', ''));

test.describe('Pipeline page', () => {
  test('runs a backfill with a progress bar, then shows layer counts and the data-quality report', async ({ app, watched }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await p.backfill(60_000, 3, 21);
    await expect(p.backfillStatus).toContainText('done: 60,000 / 60,000 events', { timeout: 60_000 });
    await expect(p.backfillProgress).toHaveAttribute('value', '100');
    const bronze = await count(p, 'bronze');
    const silver = await count(p, 'silver');
    const quarantine = await count(p, 'quarantine');
    expect(silver).toBeGreaterThan(59_000);
    expect(bronze).toBe(silver + quarantine);
    await expect(p.quality.getByTestId('expectation-valid_transaction_id')).toContainText('dropped');
    await expect(p.quality.getByTestId('expectation-valid_fraud_score')).toContainText('warned');
    await expect(p.layer('gold')).toHaveText('19');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('streams live with pushed events/s and freshness, pauses and stops', async ({ app }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await expect(p.layer('silver')).toHaveText(/^[\d,]+$/u);
    const before = await count(p, 'silver');
    await p.rate.fill('2000');
    await p.startLive.click();
    await expect(p.liveState).toHaveText('running');
    await expect(p.liveFreshness).toContainText('ms', { timeout: 15_000 });
    await expect.poll(async () => count(p, 'silver'), { timeout: 15_000 }).toBeGreaterThan(before);
    await p.pauseLive.click();
    await expect(p.liveState).toHaveText('paused');
    await p.stopLive.click();
    await expect(p.liveState).toHaveText('stopped');
  });

  test('a double click on Start gives one stream, and Stop really stops it (no orphan keeps writing)', async ({ app, page, watched }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await expect(p.layer('silver')).toHaveText(/^[\d,]+$/u);
    await p.rate.fill('3000');
    await p.seed.fill('31');
    await p.startLive.dblclick();
    await expect(p.liveState).toHaveText('running');
    await expect(p.error).toHaveCount(0);
    type Jobs = { jobs: { kind: string; state: string }[] };
    const live = (j: Jobs) => j.jobs.filter((x) => x.kind === 'pipeline.live');
    const before = live(await apiCall<Jobs>(page.request, 'jobs.list', {}));
    expect(before.filter((j) => j.state === 'running')).toHaveLength(1);
    // A second tab (or a script) starting the same stream joins the running job.
    await Promise.all([
      apiCall(page.request, 'pipeline.startLive', { rate: 3000, seed: 31 }),
      apiCall(page.request, 'pipeline.startLive', { rate: 3000, seed: 31 }),
    ]);
    expect(live(await apiCall<Jobs>(page.request, 'jobs.list', {}))).toHaveLength(before.length);
    await p.stopLive.click();
    await expect(p.liveState).toHaveText('stopped');
    const bronze = async () => (await apiCall<{ layers: { bronze: number } }>(page.request, 'pipeline.status', {})).layers.bronze;
    const after = await bronze();
    await page.waitForTimeout(1000);
    expect(await bronze()).toBe(after);
    const ended = live(await apiCall<Jobs>(page.request, 'jobs.list', {}));
    expect(ended.filter((j) => j.state === 'running')).toHaveLength(0);
    expect(ended.at(-1)?.state).toBe('succeeded');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('replays a recorded CSV from the form: a progress bar, then rows per layer and the quarantined lines', async ({
    app,
    page,
    watched,
  }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await expect(p.layer('silver')).toHaveText(/^[\d,]+$/u);
    const before = await count(p, 'silver');
    await p.replayFile(resolve(__dirname, '../fixtures/replay/payments-small.csv'));
    await expect(p.fileStatus).toContainText('succeeded: 49 / 49 records', { timeout: 60_000 });
    await expect(p.fileProgress).toHaveAttribute('value', '100');
    await expect(p.fileResult.getByTestId('file-replay-bronze')).toHaveText('47');
    await expect(p.fileResult.getByTestId('file-replay-silver')).toHaveText('47');
    await expect(p.fileResult.getByTestId('file-replay-quarantine')).toHaveText('2');
    await expect(p.page.getByTestId('file-replay-problems')).toContainText('line 11: wrong type in amount');
    await expect.poll(async () => count(p, 'silver'), { timeout: 15_000 }).toBe(before + 47);
    // The status bar follows the job too.
    await expect(page.getByTestId('layer-counts')).toContainText(`silver ${(before + 47).toLocaleString('en-US')} `);
    const jobs = await apiCall<{ jobs: { kind: string; state: string }[] }>(page.request, 'jobs.list', { kind: 'pipeline.file' });
    expect(jobs.jobs.at(-1)?.state).toBe('succeeded');
    // A file that is not a recording is refused with the reason, and no job starts.
    await p.replayFile('notes.xlsx');
    await expect(p.fileError).toContainText('unknown format ".xlsx"');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('Cancel stops a running backfill through jobs.cancel; the job ends cancelled', async ({ app, page, watched }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await p.backfill(20_000_000, 30, 77);
    await page.getByTestId('backfill-cancel').click();
    await expect(p.backfillStatus).toContainText('cancelled', { timeout: 60_000 });
    await expect(page.getByTestId('backfill-start')).toBeEnabled();
    const jobs = await apiCall<{ jobs: { state: string }[] }>(page.request, 'jobs.list', { kind: 'pipeline.backfill' });
    expect(jobs.jobs.at(-1)?.state).toBe('cancelled');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('explains a refused backfill setting instead of failing silently', async ({ app }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await p.backfill(0, 3, 1);
    await expect(p.error).toBeVisible();
  });
});

test.describe('Deploy to Databricks', () => {
  test('writes the bundle folder, says why a schema name is refused, and asks before replacing a bundle', async ({ app, watched }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await p.backfill(5_000, 1, 11);
    await expect(p.backfillStatus).toContainText('done: 5,000 / 5,000 events', { timeout: 60_000 });
    await p.deploySchema.fill('payments-prod');
    await p.deploy.click();
    await expect(p.deployError).toHaveText(
      'Schema "payments-prod" is not an identifier: use letters, digits and underscores, not starting with a digit.',
    );
    await p.deploySchema.fill('payments_prod');
    await p.deploy.click();
    await expect(p.deployResult).toContainText(/Wrote \d+ files in .*databricks-bundles/u);
    await expect(p.deployError).toHaveCount(0);
    // The same target again: its folder holds the first bundle, so the app asks before replacing it.
    await p.deploy.click();
    await expect(p.deployOccupied).toContainText(/databricks-bundles.*already holds files\. Replace the bundle's files there\?/u);
    await expect(p.deployResult).toHaveCount(0);
    await app.page.getByTestId('deploy-panel').scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: 'test-results/deploy-databricks-replace.png', fullPage: true });
    await p.deployReplace.click();
    await expect(p.deployResult).toContainText(/Replaced \d+ files in .*databricks-bundles/u);
    await expect(p.deployOccupied).toHaveCount(0);
    await app.page.screenshot({ path: 'test-results/deploy-databricks.png', fullPage: true });
    expect(watched.consoleErrors).toEqual([]);
  });
});

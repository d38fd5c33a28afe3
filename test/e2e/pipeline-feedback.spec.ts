import { expect, test } from './fixtures';
import { apiCall, replaySmallDataSet } from './pages/models-page';
import { PipelinePage } from './pages/pipeline-page';

test.describe('Pipeline page feedback', () => {
  test('input mistakes are explained in the words of the form, and nothing starts', async ({ app, watched }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await p.backfill(0, 3, 1);
    await expect(p.error).toHaveText('Events: enter a whole number from 1 to 2,000,000,000.');
    await p.backfill(1000, 0, 1);
    await expect(p.error).toHaveText('Days: enter a number of days from 1 to 3,650.');
    await p.rate.fill('0');
    await p.startLive.click();
    await expect(p.error).toHaveText('Rate: enter a number of events per second from 1 to 200,000.');
    await expect(p.error).not.toContainText('expected');
    await expect(p.liveState).toHaveText('stopped');
    expect(watched.consoleErrors).toEqual([]);
  });

  // On an empty database the panel says what to do (welcome.spec.ts, which has a fresh database of its own);
  // here the shared database may already hold earlier specs' data, which the panel now shows on open.
  test('the backfill bar moves through the run and "Silver at a glance" shows the totals', async ({ app }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await p.watchProgress();
    await p.backfill(300_000, 5, 41);
    await expect(p.backfillStatus).toContainText('running');
    await expect(p.backfillStatus).toContainText('done: 300,000 / 300,000 events', { timeout: 120_000 });
    const seen = await p.progressValues();
    // Moving: a value between 0 and 100, or the indeterminate (animated) bar while a batch is written; never a still 0 until done.
    expect(
      seen.some((v) => v === -1 || (v > 0 && v < 100)),
      `progress values seen: ${seen.join(', ')}`,
    ).toBe(true);
    await expect(p.kpiPanel.getByTestId('kpi-total')).toHaveText(/^[\d,]+$/u);
    await expect(p.kpiPanel.getByTestId('kpi-empty')).toHaveCount(0);
  });

  test('a page opened after a run shows silver at a glance from the current state, before any new batch', async ({
    app,
    request,
    watched,
  }) => {
    await replaySmallDataSet(request);
    const silver = (await apiCall<{ layers: { silver: number } }>(request, 'pipeline.status', {})).layers.silver;
    // A fresh page: nothing runs, so no batch event will come to fill the panel.
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await expect(p.kpiPanel.getByTestId('kpi-total')).toHaveText(silver.toLocaleString('en-US'), { timeout: 30_000 });
    await expect(p.kpiPanel.getByTestId('kpi-approval')).toHaveText(/^\d{1,3}\.\d{2}%$/u);
    await expect(p.kpiPanel.getByTestId('kpi-empty')).toHaveCount(0);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('events/s drops to 0 when the stream is stopped instead of keeping its last value', async ({ app }) => {
    await app.goTo('pipeline');
    const p = new PipelinePage(app.page);
    await p.rate.fill('2000');
    await p.startLive.click();
    await expect(p.liveState).toHaveText('running');
    await expect.poll(async () => Number((await p.liveEps.innerText()).replaceAll(',', '')), { timeout: 20_000 }).toBeGreaterThan(0);
    await p.stopLive.click();
    await expect(p.liveState).toHaveText('stopped');
    await expect(p.liveEps).toHaveText('0 (stopped)');
  });
});

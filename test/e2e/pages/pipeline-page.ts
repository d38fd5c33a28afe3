import { type Locator, type Page } from '@playwright/test';

/** The Pipeline page: backfill, live stream, layer counts and the data-quality report. */
export class PipelinePage {
  readonly events: Locator;
  readonly days: Locator;
  readonly seed: Locator;
  readonly startBackfill: Locator;
  readonly backfillStatus: Locator;
  readonly backfillProgress: Locator;
  readonly rate: Locator;
  readonly startLive: Locator;
  readonly pauseLive: Locator;
  readonly stopLive: Locator;
  readonly liveState: Locator;
  readonly liveEps: Locator;
  readonly liveFreshness: Locator;
  readonly quality: Locator;
  readonly error: Locator;
  readonly deploySchema: Locator;
  readonly deploy: Locator;
  readonly deployResult: Locator;
  readonly deployError: Locator;
  readonly deployOccupied: Locator;
  readonly deployReplace: Locator;

  constructor(readonly page: Page) {
    this.events = page.getByTestId('backfill-events');
    this.days = page.getByTestId('backfill-days');
    this.seed = page.getByTestId('backfill-seed');
    this.startBackfill = page.getByTestId('backfill-start');
    this.backfillStatus = page.getByTestId('backfill-status');
    this.backfillProgress = page.getByTestId('backfill-progress');
    this.rate = page.getByTestId('live-rate');
    this.startLive = page.getByTestId('live-start');
    this.pauseLive = page.getByTestId('live-pause');
    this.stopLive = page.getByTestId('live-stop');
    this.liveState = page.getByTestId('live-state');
    this.liveEps = page.getByTestId('live-eps');
    this.liveFreshness = page.getByTestId('live-freshness');
    this.quality = page.getByTestId('quality-report');
    this.error = page.getByTestId('pipeline-error');
    this.deploySchema = page.getByTestId('deploy-schema');
    this.deploy = page.getByTestId('deploy-databricks');
    this.deployResult = page.getByTestId('deploy-result');
    this.deployError = page.getByTestId('deploy-error');
    this.deployOccupied = page.getByTestId('deploy-occupied');
    this.deployReplace = page.getByTestId('deploy-replace');
  }

  layer(name: 'bronze' | 'silver' | 'quarantine' | 'batches' | 'gold'): Locator {
    return this.page.getByTestId(`layer-${name}`).locator('.layer-value');
  }

  async backfill(events: number, days: number, seed: number): Promise<void> {
    await this.events.fill(String(events));
    await this.days.fill(String(days));
    await this.seed.fill(String(seed));
    await this.startBackfill.click();
  }
}

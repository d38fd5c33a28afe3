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
  readonly kpiPanel: Locator;
  readonly deploySchema: Locator;
  readonly deploy: Locator;
  readonly deployResult: Locator;
  readonly deployError: Locator;
  readonly filePath: Locator;
  readonly fileReplay: Locator;
  readonly fileProgress: Locator;
  readonly fileStatus: Locator;
  readonly fileResult: Locator;
  readonly fileError: Locator;
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
    this.kpiPanel = page.getByTestId('kpi-panel');
    this.deploySchema = page.getByTestId('deploy-schema');
    this.deploy = page.getByTestId('deploy-databricks');
    this.deployResult = page.getByTestId('deploy-result');
    this.deployError = page.getByTestId('deploy-error');
    this.filePath = page.getByTestId('file-replay-path');
    this.fileReplay = page.getByTestId('file-replay-start');
    this.fileProgress = page.getByTestId('file-replay-progress');
    this.fileStatus = page.getByTestId('file-replay-status');
    this.fileResult = page.getByTestId('file-replay-result');
    this.fileError = page.getByTestId('file-replay-error');
    this.deployOccupied = page.getByTestId('deploy-occupied');
    this.deployReplace = page.getByTestId('deploy-replace');
  }

  layer(name: 'bronze' | 'silver' | 'quarantine' | 'batches' | 'gold'): Locator {
    return this.page.getByTestId(`layer-${name}`).locator('.layer-value');
  }

  /** Replays a recorded file from the "Replay a file" form. */
  async replayFile(path: string): Promise<void> {
    await this.filePath.fill(path);
    await this.fileReplay.click();
  }

  /** Records every value the backfill progress bar takes from now on, -1 while indeterminate (read with progressValues). */
  async watchProgress(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const record = () => {
        const bar = document.querySelector('[data-testid=backfill-progress]');
        if (bar) seen.push(bar.hasAttribute('value') ? Number(bar.getAttribute('value')) : -1);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
  }

  async progressValues(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  }

  async backfill(events: number, days: number, seed: number): Promise<void> {
    await this.events.fill(String(events));
    await this.days.fill(String(days));
    await this.seed.fill(String(seed));
    await this.startBackfill.click();
  }
}

import { expect, type Locator, type Page } from '@playwright/test';

/** The welcome shown above the dashboard gallery while the database is empty. */
export class WelcomePage {
  readonly root: Locator;
  readonly sample: Locator;
  readonly importFile: Locator;
  readonly warehouse: Locator;
  readonly bundle: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('welcome');
    this.sample = page.getByTestId('welcome-sample');
    this.importFile = page.getByTestId('welcome-import');
    this.warehouse = page.getByTestId('welcome-warehouse');
    this.bundle = page.getByTestId('welcome-bundle');
  }

  async open(base: string): Promise<void> {
    await this.page.goto(`${base}#/dashboards`);
    await expect(this.page.getByTestId('dashboard-gallery')).toBeVisible();
  }

  /** Records whether the progress bar was ever on screen (the load may end before a poll sees it). */
  async watchProgress(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __sawProgress?: number[] };
      w.__sawProgress = [];
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid=welcome-progress] progress');
        if (bar) w.__sawProgress!.push(bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  }

  progressSeen(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { __sawProgress?: number[] }).__sawProgress ?? []);
  }

  /** Chooses a file for one of the welcome's file inputs, as the file dialog would. */
  async choose(button: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await button.click();
    await (await chooser).setFiles(file);
  }
}

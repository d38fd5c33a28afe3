import { expect, type Locator, type Page } from '@playwright/test';

/** The dashboards gallery and a dashboard: widgets, filters, exports. */
export class DashboardPage {
  readonly widgets: Locator;
  readonly counters: Locator;
  readonly errors: Locator;

  constructor(readonly page: Page) {
    this.widgets = page.getByTestId('widget');
    this.counters = page.getByTestId('counter-value');
    this.errors = page.getByTestId('widget-error');
  }

  async openGallery(base: string): Promise<void> {
    await this.page.goto(base);
    await expect(this.page.getByTestId('dashboard-gallery')).toBeVisible();
  }

  /** Waits until no widget is loading (a refresh keeps old data, so check the state attribute). */
  async settled(): Promise<void> {
    // "Loading dashboard…" can last well over 5 s on a loaded 2-core machine before the grid exists.
    await expect(this.page.getByTestId('dashboard-grid')).toBeVisible({ timeout: 60_000 });
    await expect(this.page.locator('[data-testid=widget][data-state=loading]')).toHaveCount(0, { timeout: 30_000 });
  }

  /** How many rows the filter bar's controls take (one at the screenshot size, 1280 px wide: no lone Reset below). */
  async filterBarRows(): Promise<number> {
    return this.page.getByTestId('filter-bar').evaluate((bar) => {
      const middles = [...bar.children]
        .map((c) => (c.getBoundingClientRect().top + c.getBoundingClientRect().bottom) / 2)
        .sort((a, b) => a - b);
      return middles.filter((m, i) => i === 0 || m - middles[i - 1]! > 16).length;
    });
  }

  async counterValues(): Promise<string[]> {
    await this.settled();
    return this.counters.allInnerTexts();
  }

  async selectFilter(testId: 'filter-card-network' | 'filter-segment' | 'filter-country' | 'filter-range', value: string): Promise<void> {
    await this.page.getByTestId(testId).selectOption(value);
    await this.settled();
  }

  /** Packages the open dashboard through the dialog; dates default to the current filters. */
  async packageDashboard(choice: { from?: string; to?: string; aggregatesOnly?: boolean; note?: string }): Promise<void> {
    await this.page.getByTestId('package-dashboard').click();
    const dialog = this.page.getByTestId('package-dialog');
    await expect(dialog).toBeVisible();
    if (choice.from) await dialog.getByTestId('package-from').fill(choice.from);
    if (choice.to) await dialog.getByTestId('package-to').fill(choice.to);
    if (choice.aggregatesOnly) await dialog.getByTestId('package-content-aggregates').check();
    if (choice.note) await dialog.getByTestId('package-note').fill(choice.note);
    await dialog.getByTestId('package-confirm').click();
    await expect(dialog).toHaveCount(0);
  }

  /** The packaged file's path, from the notice once packaging is done. */
  async packagedPath(): Promise<string> {
    const notice = this.page.getByTestId('dashboard-notice');
    await expect(notice).toContainText('Packaged “', { timeout: 60_000 });
    return /to (\S+\.mdash)/.exec(await notice.innerText())![1]!;
  }

  /** The range choices the date filter offers, as shown. */
  rangeLabels(): Promise<string[]> {
    return this.page.getByTestId('filter-range').locator('option').allInnerTexts();
  }
}

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
    await expect(this.page.getByTestId('dashboard-grid')).toBeVisible();
    await expect(this.page.locator('[data-testid=widget][data-state=loading]')).toHaveCount(0, { timeout: 30_000 });
  }

  async counterValues(): Promise<string[]> {
    await this.settled();
    return this.counters.allInnerTexts();
  }

  async selectFilter(testId: 'filter-card-network' | 'filter-segment' | 'filter-country' | 'filter-range', value: string): Promise<void> {
    await this.page.getByTestId(testId).selectOption(value);
    await this.settled();
  }
}

import { expect, type Locator, type Page } from '@playwright/test';

/** The Agents page: gallery, recommendations, run history. */
export class AgentsPage {
  readonly recommendations: Locator;
  readonly runHistory: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.recommendations = page.getByTestId('recommendation');
    this.runHistory = page.getByTestId('agent-run-history');
    this.summary = page.getByTestId('agents-summary');
  }

  card(agent: string): Locator {
    return this.page.getByTestId(`agent-card-${agent}`);
  }

  async runNow(agent: string): Promise<void> {
    await this.page.getByTestId(`agent-run-${agent}`).click();
    // The button turns into Cancel while the run goes, and back when it ends.
    await expect(this.page.getByTestId(`agent-run-${agent}`)).toBeVisible({ timeout: 30_000 });
  }

  recommendation(title: RegExp | string): Locator {
    return this.recommendations.filter({ has: this.page.getByTestId('recommendation-title').filter({ hasText: title }) });
  }

  async filter(what: 'agent' | 'severity' | 'status', value: string): Promise<void> {
    await this.page.getByTestId(`filter-${what}`).selectOption(value);
  }
}

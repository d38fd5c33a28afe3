import { type Locator, type Page } from '@playwright/test';

/** The SQL page, as far as the shell tests use it. */
export class SqlPage {
  readonly input: Locator;
  readonly run: Locator;
  readonly result: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId('sql-input');
    this.run = page.getByTestId('sql-run');
    this.result = page.getByTestId('result-table');
    this.error = page.getByTestId('sql-error');
  }

  async runSql(sql: string): Promise<void> {
    await this.input.fill(sql);
    await this.run.click();
  }
}

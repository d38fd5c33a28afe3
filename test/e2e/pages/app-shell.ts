import { expect, type Locator, type Page } from '@playwright/test';

/** The workbench shell: navigation, status bar, theme. */
export class AppShell {
  readonly statusBar: Locator;

  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('statusbar');
  }

  async open(hash = ''): Promise<void> {
    await this.page.goto(`/?token=e2e-test-token${hash ? `#${hash}` : ''}`);
    await expect(this.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }

  async goTo(feature: string): Promise<void> {
    await this.page.getByTestId(`nav-${feature}`).click();
    await expect(this.page.getByTestId(`page-${feature}`)).toBeVisible();
  }

  async toggleTheme(): Promise<void> {
    await this.page.getByTestId('theme-toggle').click();
  }

  theme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme);
  }
}

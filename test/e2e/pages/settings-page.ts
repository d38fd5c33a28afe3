import { expect, type Locator, type Page } from '@playwright/test';

/** The Settings page. */
export class SettingsPage {
  readonly root: Locator;
  readonly defaultRange: Locator;
  readonly folderSize: Locator;
  readonly cleanUp: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('settings-page');
    this.defaultRange = page.getByTestId('settings-default-range');
    this.folderSize = page.getByTestId('settings-folder-size');
    this.cleanUp = page.getByTestId('settings-clean-up');
  }

  async open(base: string): Promise<void> {
    await this.page.goto(`${base}#/settings`);
    await expect(this.root).toBeVisible();
  }

  /** Bytes shown for the data folder, parsed back from "1.2 MB". */
  async folderBytes(): Promise<number> {
    const text = (await this.folderSize.innerText()).trim();
    const m = /^([\d.]+) (B|KB|MB|GB)$/.exec(text);
    if (!m) throw new Error(`Unexpected size: ${text}`);
    return Number(m[1]) * { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[m[2] as 'B' | 'KB' | 'MB' | 'GB'];
  }
}

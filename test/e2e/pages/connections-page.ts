import { expect, type Locator, type Page } from '@playwright/test';

export interface EmulatorInfo {
  host: string;
  port: number;
  path: string;
  token: string;
  caCertFile: string;
}

/** The Connections page: profile form, verdict, catalog tree and pull panel. */
export class ConnectionsPage {
  readonly verdict: Locator;
  readonly tree: Locator;
  readonly treeSearch: Locator;
  readonly pullTarget: Locator;
  readonly pullStart: Locator;
  readonly pullDone: Locator;
  readonly pullHistory: Locator;

  constructor(readonly page: Page) {
    this.verdict = page.getByTestId('conn-verdict');
    this.tree = page.getByTestId('conn-tree');
    this.treeSearch = page.getByTestId('conn-tree-search');
    this.pullTarget = page.getByTestId('pull-target');
    this.pullStart = page.getByTestId('pull-start');
    this.pullDone = page.getByTestId('pull-done');
    this.pullHistory = page.getByTestId('pull-history');
  }

  field(name: string): Locator {
    return this.page.getByTestId(`conn-${name}`);
  }

  node(path: string): Locator {
    return this.page.getByTestId(`conn-node-${path}`);
  }

  async createProfile(name: string, emu: EmulatorInfo, token = emu.token): Promise<void> {
    await this.page.getByTestId('conn-new').click();
    await this.field('name').fill(name);
    await this.field('host').fill(`${emu.host}:${emu.port}`);
    await this.field('httpPath').fill(emu.path);
    await this.field('catalog').fill('memory');
    await this.field('schema').fill('main');
    await this.field('secret').fill(token);
    await this.field('caCertPath').fill(emu.caCertFile);
    await this.page.getByTestId('conn-save').click();
    await expect(this.page.getByTestId(`conn-profile-${name}`)).toBeVisible();
  }

  async testConnection(): Promise<void> {
    await this.page.getByTestId('conn-test').click();
    await expect(this.verdict).toBeVisible({ timeout: 20_000 });
  }

  async open(path: string): Promise<void> {
    await this.node(path).getByRole('button').first().click();
  }
}

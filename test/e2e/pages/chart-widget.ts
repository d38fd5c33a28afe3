import { expect, type Locator, type Page } from '@playwright/test';

/** One chart widget of a dashboard: its bars or slices, its legend, its keyboard focus. */
export class ChartWidget {
  readonly root: Locator;
  readonly frame: Locator;
  readonly bars: Locator;

  constructor(
    readonly page: Page,
    widgetId: string,
  ) {
    this.root = page.locator(`[data-widget-id="${widgetId}"]`);
    this.frame = this.root.getByTestId('chart-frame');
    this.bars = this.root.locator('.recharts-bar-rectangle');
  }

  /** The category labels along the category axis, in drawing order. */
  async categories(): Promise<string[]> {
    await expect(this.bars.first()).toBeVisible();
    return this.root
      .locator('.recharts-cartesian-axis-tick-value')
      .evaluateAll((ticks) => ticks.filter((t) => !/^[\d.$,%\s-]+$/.test(t.textContent ?? '')).map((t) => t.textContent ?? ''));
  }

  /** Rests the pointer on one bar, then jumps to another and clicks at once (as a quick hand does). */
  async quickClick(fromBar: number, toBar: number, fromName: string): Promise<void> {
    await this.root.scrollIntoViewIfNeeded();
    const from = (await this.bars.nth(fromBar).boundingBox())!;
    const to = (await this.bars.nth(toBar).boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2, { steps: 4 });
    await expect(this.root.locator('.recharts-tooltip-wrapper')).toContainText(fromName);
    await this.page.mouse.click(to.x + to.width / 2, to.y + to.height - 4);
  }

  /** The colour of each legend entry, by its text. */
  legendColors(): Promise<Record<string, string>> {
    return this.root
      .locator('.recharts-legend-item')
      .evaluateAll((items) =>
        Object.fromEntries(
          items.map((item) => [
            item.textContent?.trim() ?? '',
            item.querySelector('path, rect')?.getAttribute('fill') ?? item.querySelector('svg')?.getAttribute('color') ?? '',
          ]),
        ),
      );
  }
}

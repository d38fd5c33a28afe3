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

  /** The "avg" reference label's box, the bars it covers (none, when it is placed clear of them) and whether the chart shows it whole. */
  async averageLabelOverlap(): Promise<{
    label: { x: number; y: number; width: number; height: number };
    covered: number;
    inFrame: boolean;
  }> {
    const label = this.root.locator('svg text', { hasText: /^avg / });
    await expect(label).toHaveCount(1);
    await expect(this.bars.first()).toBeVisible();
    const box = (await label.boundingBox())!;
    // The chart's SVG clips what falls outside it: the label must sit within it to be read whole.
    const frame = (await this.frame.locator('.recharts-wrapper > svg.recharts-surface').first().boundingBox())!;
    const bars = await this.bars.evaluateAll((nodes) =>
      nodes.map((n) => {
        const r = n.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    const meets = (a: typeof box, b: typeof box) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const inside =
      box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height;
    return { label: box, covered: bars.filter((b) => b.height > 0 && meets(box, b)).length, inFrame: inside };
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

import { expect, type Locator, type Page } from '@playwright/test';

/** The SQL workbench page: Monaco editor, run/cancel, result grid, panels. */
export class SqlPage {
  readonly editor: Locator;
  readonly run: Locator;
  readonly runAll: Locator;
  readonly cancel: Locator;
  readonly result: Locator;
  readonly error: Locator;
  readonly total: Locator;
  readonly suggestions: Locator;
  readonly tabs: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('sql-editor');
    this.run = page.getByTestId('sql-run');
    this.runAll = page.getByTestId('sql-run-all');
    this.cancel = page.getByTestId('sql-cancel');
    this.result = page.getByTestId('result-grid');
    this.error = page.getByTestId('sql-error');
    this.total = page.getByTestId('grid-total');
    this.suggestions = page.locator('.monaco-editor .suggest-widget.visible');
    this.tabs = page.getByTestId('sql-tab');
  }

  /** Focuses Monaco and selects everything in it. */
  async focusEditor(): Promise<void> {
    await expect(this.editor.locator('.monaco-editor')).toBeVisible();
    // A fixed point near the top left: the centre of a long, scrolled line can sit outside the editor.
    await this.editor.locator('.monaco-editor .view-lines').click({ position: { x: 40, y: 8 } });
    await this.page.keyboard.press('ControlOrMeta+a');
  }

  /** Replaces the editor text (inserted, not typed: no autocomplete or auto-closing). */
  async setSql(sql: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  async runSql(sql: string): Promise<void> {
    await this.setSql(sql);
    await this.run.click();
  }

  /** Waits for the run to finish (the Running… marker goes away). */
  async idle(timeout = 60_000): Promise<void> {
    await expect(this.page.getByTestId('sql-running')).toHaveCount(0, { timeout });
  }

  panel(id: 'results' | 'chart' | 'plan' | 'history' | 'saved'): Locator {
    return this.page.getByTestId(`panel-${id}`);
  }

  /** From the Chart panel, saves the chart on screen as a widget of a new dashboard; waits for the confirmation. */
  async saveChartToNewDashboard(dashboardName: string, widgetTitle: string): Promise<void> {
    await this.page.getByTestId('chart-save-to-dashboard').click();
    const dialog = this.page.getByTestId('save-to-dashboard-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('save-to-dashboard-target').selectOption({ label: 'New dashboard…' });
    await dialog.getByTestId('save-to-dashboard-new-name').fill(dashboardName);
    await dialog.getByTestId('save-to-dashboard-title').fill(widgetTitle);
    await dialog.getByTestId('save-to-dashboard-confirm').click();
    await expect(dialog.getByTestId('save-to-dashboard-done')).toContainText(dashboardName);
  }

  /** The schema browser's entry of a table or view (expanded with `expand`). */
  relation(name: string): Locator {
    return this.page.locator(`[data-testid=schema-relation][data-name="${name}"]`);
  }

  /** Opens a relation in the schema browser, showing its columns. */
  async expand(name: string): Promise<void> {
    const button = this.relation(name).locator('.schema-relation');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
  }

  /** A column of an expanded relation in the schema browser. */
  column(relation: string, column: string): Locator {
    return this.relation(relation).locator(`[data-testid=schema-column][data-name="${column}"]`);
  }

  /** The column profile opened from the schema browser. */
  get profile(): Locator {
    return this.page.getByTestId('column-profile');
  }

  /** The result tabs of the last run (one per statement after Run all). */
  get resultTabs(): Locator {
    return this.page.getByTestId('result-tab');
  }

  /** The editor's text as Monaco renders it (spaces normalised). */
  async editorText(): Promise<string> {
    const text = await this.editor.locator('.view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  row(index: number): Locator {
    return this.page.locator(`[data-testid=grid-row][data-row="${index}"]`);
  }
}

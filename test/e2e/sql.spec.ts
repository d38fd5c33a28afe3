import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { E2E_TOKEN, expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard-page';
import { SqlPage } from './pages/sql-page';

const BIG_ROWS = 10_000_000;

async function sql(request: APIRequestContext, statement: string, base = ''): Promise<unknown> {
  const r = await request.post(`${base}/api/call/sqlwb.execute`, {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { sql: statement },
  });
  const body = (await r.json()) as { ok: boolean; data?: { rows: unknown[][] }; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.data?.rows[0]?.[0];
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  await sql(
    request,
    `CREATE TABLE IF NOT EXISTS big AS SELECT range AS id, range % 97 AS k, range * 0.5 AS amount FROM range(${BIG_ROWS})`,
  );
  await sql(
    request,
    `CREATE TABLE IF NOT EXISTS payments_demo AS SELECT range AS transaction_id, ['Visa', 'Mastercard', 'Amex', 'Elo', 'Discover'][range % 5 + 1] AS card_network, (range % 1000) / 10.0 AS amount FROM range(5000)`,
  );
});

test.describe('SQL workbench', () => {
  test('types a query with autocomplete from the live catalog and runs it; nothing leaves 127.0.0.1', async ({ app, watched, request }) => {
    const tables = Array.from(
      { length: 200 },
      (_, i) =>
        `CREATE TABLE IF NOT EXISTS wide_${String(i).padStart(3, '0')} (id INTEGER, name VARCHAR, amount DOUBLE, created_at TIMESTAMP, segment VARCHAR)`,
    );
    for (const statement of tables) await sql(request, statement);
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    // Other specs share this database, so at least our 200 tables plus big and payments_demo.
    const indexed = app.page.getByText(/tables & views in autocomplete/);
    await expect.poll(async () => Number((await indexed.textContent())?.match(/^(\d+)/)?.[1] ?? 0)).toBeGreaterThanOrEqual(202);
    await page.setSql('SELECT * FROM ');
    await app.page.keyboard.press('Escape');
    await expect(page.suggestions).toHaveCount(0);
    // Keystroke → suggestion list on screen, timed inside the page (the widget's first opening
    // builds its DOM, so the figure is taken on the second opening, as a user meets it).
    const timeKeystroke = async (key: string): Promise<number> => {
      await app.page.keyboard.press('Escape');
      await expect(page.suggestions).toHaveCount(0);
      await app.page.evaluate(() => {
        const w = window as unknown as { sqlwbLatency?: Promise<number> };
        w.sqlwbLatency = new Promise<number>((resolve) => {
          let typedAt = 0;
          document.addEventListener('keydown', () => (typedAt = performance.now()), { capture: true, once: true });
          // Monaco adds its `visible` class 100 ms after it shows the list (a CSS hook only),
          // so "on screen" is: a row rendered inside a widget the browser displays.
          const shown = () => {
            const row = document.querySelector('.suggest-widget .monaco-list-row');
            return (
              !!row && row.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && row.getBoundingClientRect().height > 0
            );
          };
          const observer = new MutationObserver(() => {
            if (typedAt && shown()) {
              observer.disconnect();
              resolve(performance.now() - typedAt);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        });
      });
      await app.page.keyboard.type(key);
      await expect(page.suggestions).toBeVisible();
      return app.page.evaluate(() => (window as unknown as { sqlwbLatency: Promise<number> }).sqlwbLatency);
    };
    const firstOpenMs = await timeKeystroke('p');
    const samples: number[] = [];
    for (let i = 0; i < 9; i++) {
      await app.page.keyboard.press('Backspace');
      samples.push(await timeKeystroke('p'));
    }
    // The median of nine keystrokes: the machine is shared, one slow frame is not the product.
    const keystrokeToListMs = [...samples].sort((a, b) => a - b)[4]!;
    await expect(page.suggestions).toContainText('payments_demo');
    test.info().annotations.push({ type: 'figures', description: JSON.stringify({ firstOpenMs, keystrokeToListMs, samples }) });
    // Our share (the suggestion list from the catalog) and the whole keystroke → list path.
    expect(Number(await app.page.evaluate(() => document.documentElement.dataset.sqlwbCompletionMs))).toBeLessThan(50);
    expect(keystrokeToListMs).toBeLessThan(50);
    await app.page.keyboard.type('ayments_d');
    await expect(page.suggestions).toContainText('payments_demo');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.type(' p WHERE p.card');
    await expect(page.suggestions).toContainText('card_network');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.type(" = 'Visa'");
    await expect(page.editor).toContainText("SELECT * FROM payments_demo p WHERE p.card_network = 'Visa'");
    await app.page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.total).toHaveText('1,000 rows');
    await expect(page.row(0)).toContainText('Visa');
    expect(watched.foreignRequests).toEqual([]);
  });

  test('runs the statement under the cursor, marks a DuckDB error in the editor, and prompts for $parameters', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.setSql('SELECT 1 AS first;\nSELECT nope FROM big;');
    await page.run.click();
    await expect(page.error).toContainText('nope');
    await expect(page.error).toContainText('line 1, column 8');
    await expect(page.editor.locator('.squiggly-error')).toHaveCount(1);
    await page.setSql('SELECT $n * 2 AS doubled');
    // Escape in the parameters dialog closes it and runs nothing; the next run asks again.
    await page.run.click();
    await expect(app.page.getByRole('dialog', { name: 'Query parameters' })).toBeVisible();
    await app.page.getByTestId('param-n').press('Escape');
    await expect(app.page.getByTestId('param-dialog')).toHaveCount(0);
    await page.run.click();
    await app.page.getByTestId('param-n').fill('21');
    await app.page.getByTestId('param-run').click();
    await expect(page.row(0)).toContainText('42');
    // The save dialog opens with its name field focused; Escape closes it.
    await app.page.getByTestId('sql-save').click();
    await expect(app.page.getByRole('dialog', { name: 'Save query' })).toBeVisible();
    await expect(app.page.getByTestId('save-name')).toBeFocused();
    await app.page.keyboard.press('Escape');
    await expect(app.page.getByTestId('save-dialog')).toHaveCount(0);
  });

  test('cancels a long query with the button and with Esc', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.runSql('SELECT count(*) FROM range(1000000000000)');
    await expect(page.cancel).toBeEnabled();
    await page.cancel.click();
    await expect(page.error).toContainText('Cancelled');
    await page.runSql('SELECT count(*) FROM range(1000000000000)');
    await expect(app.page.getByTestId('sql-running')).toBeVisible();
    await app.page.keyboard.press('Escape');
    await expect(page.error).toContainText('Cancelled');
    await page.idle();
  });

  test('scrolls a 10M-row SELECT * to the end holding only a few pages', async ({ app }) => {
    test.setTimeout(120_000);
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    const pageCalls: string[] = [];
    app.page.on('request', (r) => {
      if (r.url().includes('/api/call/sqlwb.page')) pageCalls.push(r.url());
    });
    // Click → first row painted, timed inside the page (Playwright's polling would add up to
    // 100 ms). Three runs, the last two with a marker column so the row visibly changes.
    const timeFirstPage = async (statement: string, lastCell: string): Promise<number> => {
      await page.setSql(statement);
      await app.page.evaluate((marker) => {
        const w = window as unknown as { sqlwbFirstPage?: Promise<number> };
        w.sqlwbFirstPage = new Promise<number>((resolve) => {
          let clickedAt = 0;
          document.addEventListener('mousedown', () => (clickedAt = performance.now()), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            const cells = document.querySelectorAll('[data-testid=grid-row][data-row="0"] .grid-cell');
            if (clickedAt && cells.length > 0 && cells[cells.length - 1]!.textContent === marker) {
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - clickedAt));
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }, lastCell);
      await page.run.click();
      return app.page.evaluate(() => (window as unknown as { sqlwbFirstPage: Promise<number> }).sqlwbFirstPage);
    };
    const firstPageRuns = [
      await timeFirstPage('SELECT * FROM big', '0'),
      await timeFirstPage('SELECT *, 1 AS run FROM big', '1'),
      await timeFirstPage('SELECT *, 2 AS run FROM big', '2'),
    ];
    const firstPageMs = Math.round([...firstPageRuns].sort((a, b) => a - b)[1]!);
    expect(firstPageMs).toBeLessThan(300);
    await expect(page.total).toHaveText('10,000,000 rows');
    const grid = page.result;
    await grid.hover();
    for (let i = 0; i < 20; i++) await app.page.mouse.wheel(0, 240);
    // The wheel scrolls rows 1:1 (20 × 240 px = 200 rows) although the scrollbar is scaled.
    await expect(page.row(205)).toBeVisible();
    await expect(page.row(205).locator('.grid-cell').first()).toHaveText('205');
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(
      page
        .row(BIG_ROWS - 1)
        .locator('.grid-cell')
        .first(),
    ).toHaveText('9999999');
    const held = Number(await app.page.getByTestId('grid-held-pages').getAttribute('data-pages'));
    expect(held).toBeLessThanOrEqual(6);
    expect(pageCalls.length).toBeLessThan(20);
    const heapMb =
      (await app.page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)) /
      1024 /
      1024;
    expect(heapMb).toBeLessThan(300);
    test.info().annotations.push({
      type: 'figures',
      description: JSON.stringify({
        firstPageMs,
        firstPageRuns: firstPageRuns.map(Math.round),
        heapMb: Math.round(heapMb),
        pageCalls: pageCalls.length,
        held,
      }),
    });
  });

  test('sorts, summarises a column and charts a result', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.runSql('SELECT card_network, count(*) AS n, avg(amount) AS avg_amount FROM payments_demo GROUP BY 1 ORDER BY 1');
    await expect(page.total).toHaveText('5 rows');
    await app.page.getByTestId('grid-sort-card_network').click();
    await app.page.getByTestId('grid-sort-card_network').click();
    await expect(page.row(0)).toContainText('Visa');
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.row(0).locator('.grid-cell').first().click();
    await app.page.keyboard.press('Shift+ArrowDown');
    await app.page.keyboard.press('Shift+ArrowRight');
    await expect(app.page.locator('.grid-cell.selected')).toHaveCount(4);
    await app.page.keyboard.press('ControlOrMeta+c');
    await expect
      .poll(() => app.page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(/^card_network\tn\nVisa\t1000\nMastercard\t1000$/);
    const header = app.page.locator('.grid-head-cell').nth(1);
    const before = (await header.boundingBox())!;
    const handle = (await header.locator('.grid-resize').boundingBox())!;
    await app.page.mouse.move(handle.x + 2, handle.y + 5);
    await app.page.mouse.down();
    await app.page.mouse.move(handle.x + 102, handle.y + 5, { steps: 4 });
    await app.page.mouse.up();
    await expect.poll(async () => Math.round((await header.boundingBox())!.width - before.width)).toBe(100);
    await app.page.getByTestId('grid-summary-avg_amount').click();
    await expect(app.page.getByTestId('summary-nulls')).toContainText('0');
    await expect(app.page.getByTestId('summary-histogram')).toBeVisible();
    await page.panel('chart').click();
    await expect(app.page.getByTestId('result-chart')).toHaveAttribute('data-kind', 'bar');
    await expect(app.page.locator('.recharts-bar-rectangle')).toHaveCount(10);
    await app.page.getByTestId('chart-kind').selectOption('pie');
    await expect(app.page.locator('.recharts-pie-sector')).toHaveCount(5);
  });

  test('explains a statement as a plan tree with timings', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.setSql('SELECT k, count(*) FROM big WHERE k < 10 GROUP BY k');
    await app.page.getByTestId('sql-explain-analyze').click();
    await expect(app.page.getByTestId('plan-tree')).toContainText('EXPLAIN ANALYZE');
    await expect(app.page.getByTestId('plan-tree')).toContainText(/SCAN/);
    await expect(app.page.locator('.plan-time').first()).toContainText('ms');
  });

  test('exports CSV and Parquet and re-imports them with equal row counts; a malformed file creates nothing', async ({ app, request }) => {
    test.setTimeout(120_000);
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.runSql('SELECT * FROM big WHERE k < 3');
    const expected = Number(await sql(request, 'SELECT count(*) FROM big WHERE k < 3'));
    await expect(page.total).toHaveText(`${expected.toLocaleString('en-US')} rows`);
    for (const format of ['csv', 'parquet'] as const) {
      const download = app.page.waitForEvent('download');
      await app.page.getByTestId(`export-${format}`).click();
      const file = await download;
      expect(file.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/download\//);
      const path = await file.path();
      await app.page.getByTestId('sql-import-input').setInputFiles({
        name: `back_${format}.${format}`,
        mimeType: 'application/octet-stream',
        buffer: (await import('node:fs')).readFileSync(path),
      });
      await expect(app.page.getByTestId('import-preview')).toContainText('amount');
      await app.page.getByTestId('import-name').fill(`reimported_${format}`);
      await app.page.getByTestId('import-load').click();
      await expect(app.page.getByTestId('import-done')).toContainText(`${expected.toLocaleString()} rows`);
      await app.page.getByTestId('import-close').click();
      expect(Number(await sql(request, `SELECT count(*) FROM reimported_${format}`))).toBe(expected);
    }
    await app.page
      .getByTestId('sql-import-input')
      .setInputFiles({ name: 'broken.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from('this is not parquet') });
    await expect(app.page.getByTestId('import-error')).toContainText('could not be read as PARQUET');
    await app.page.getByTestId('import-close').click();
    expect(await sql(request, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'broken'")).toBe(0);
  });

  test('imports a file dropped on the page, and refuses a dropped file that is not data', async ({ app, request }) => {
    await app.goTo('sql');
    const drop = async (name: string, content: string) => {
      const dataTransfer = await app.page.evaluateHandle(
        ([fileName, text]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], fileName, { type: 'application/octet-stream' }));
          return dt;
        },
        [name, content] as const,
      );
      await app.page.getByTestId('sqlwb-page').dispatchEvent('dragover', { dataTransfer });
      await app.page.getByTestId('sqlwb-page').dispatchEvent('drop', { dataTransfer });
    };
    await drop('notes.docx', 'not data');
    await expect(app.page.getByTestId('import-error')).toContainText('is not a CSV, Parquet or JSON file');
    await app.page.getByTestId('import-close').click();
    await drop('Dropped Sales.csv', 'region,amount\nNorth,12.5\nSouth,7\n');
    await expect(app.page.getByTestId('import-preview')).toContainText('region');
    await expect(app.page.getByTestId('import-name')).toHaveValue('dropped_sales');
    await app.page.getByTestId('import-load').click();
    await expect(app.page.getByTestId('import-done')).toContainText('2 rows');
    await app.page.getByTestId('import-close').click();
    expect(await sql(request, 'SELECT sum(amount) FROM dropped_sales')).toBe(19.5);
  });

  test('saves a chart to a new dashboard and shows it on the Dashboards page with the same data', async ({ app }) => {
    await app.goTo('sql');
    const page = new SqlPage(app.page);
    await page.runSql('SELECT card_network, count(*) AS payments FROM payments_demo GROUP BY 1 ORDER BY 1');
    await expect(page.total).toHaveText('5 rows');
    await page.panel('chart').click();
    await app.page.getByTestId('chart-kind').selectOption('bar');
    await expect(app.page.locator('.recharts-bar-rectangle')).toHaveCount(5);
    await page.saveChartToNewDashboard('SQL charts e2e', 'Payments per network');
    await app.page.getByTestId('save-to-dashboard-open').click();

    const dashboards = new DashboardPage(app.page);
    await expect(app.page.getByTestId('dashboard-title')).toHaveText('SQL charts e2e');
    await dashboards.settled();
    const widget = dashboards.widgets.filter({ hasText: 'Payments per network' });
    await expect(widget).toHaveAttribute('data-state', 'ready');
    await expect(widget.locator('.recharts-bar-rectangle')).toHaveCount(5);
    await widget.getByTestId('widget-sql').click();
    await expect(widget.getByTestId('widget-sql-text')).toContainText('FROM payments_demo GROUP BY 1');

    // The gallery lists it among the user's dashboards.
    await app.goTo('dashboards');
    await expect(app.page.getByTestId('dashboard-card').filter({ hasText: 'SQL charts e2e' }).first()).toContainText('1 widgets');
  });
});

test.describe('SQL workbench across a restart of medallion serve', () => {
  const port = Number(process.env.E2E_PORT ?? 4183) + 10;
  const base = `http://127.0.0.1:${port}`;
  let dir: string;
  let server: ChildProcess | undefined;

  async function start(): Promise<void> {
    server = spawn(
      process.execPath,
      ['bin/medallion.cjs', 'serve', '--db', join(dir, 'restart.duckdb'), '--port', String(port), '--token', E2E_TOKEN],
      {
        env: { ...process.env, MEDALLION_HOME: join(dir, 'home') },
        stdio: 'ignore',
      },
    );
    await expect
      .poll(
        async () =>
          fetch(`${base}/api/health`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
  }

  async function stop(): Promise<void> {
    const s = server;
    if (!s || s.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      s.once('exit', () => resolve());
      s.kill('SIGTERM');
    });
  }

  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlwb-restart-'));
  });
  test.afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('keeps tabs and history', async ({ browser }) => {
    test.setTimeout(120_000);
    await start();
    const first = await browser.newContext();
    const p1 = await first.newPage();
    await p1.goto(`${base}/?token=${E2E_TOKEN}#/sql`);
    const s1 = new SqlPage(p1);
    await s1.runSql('SELECT 7 AS remembered_after_restart');
    await expect(s1.row(0)).toContainText('7');
    await p1.getByTestId('sql-tab-add').click();
    await expect(s1.tabs).toHaveCount(2);
    await s1.setSql('SELECT 2 AS second_tab');
    await p1.waitForTimeout(1500);
    await first.close();
    await stop();

    await start();
    const second = await browser.newContext();
    const p2 = await second.newPage();
    await p2.goto(`${base}/?token=${E2E_TOKEN}#/sql`);
    const s2 = new SqlPage(p2);
    await expect(s2.tabs).toHaveCount(2);
    await expect(s2.editor).toContainText('SELECT 2 AS second_tab');
    await s2.tabs.first().click();
    await expect(s2.editor).toContainText('remembered_after_restart');
    await s2.panel('history').click();
    await p2.getByTestId('history-search').fill('remembered');
    await expect(p2.getByTestId('history-entry')).toHaveCount(1);
    await expect(p2.getByTestId('history-entry')).toContainText('1 row');
    await second.close();
  });
});

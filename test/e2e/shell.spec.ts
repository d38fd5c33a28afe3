import { expect, test } from './fixtures';
import { SqlPage } from './pages/sql-page';

const PAGES = ['dashboards', 'sql', 'ask', 'models', 'agents', 'pipeline', 'connections', 'settings'];

test.describe('app shell in browser mode', () => {
  test('shows every page and the status bar, and nothing leaves 127.0.0.1', async ({ app, watched }) => {
    for (const id of PAGES) await app.goTo(id);
    await expect(app.statusBar).toContainText('Database:');
    await expect(app.statusBar).toContainText('DuckDB v1.');
    await expect(app.page.getByTestId('stream-state')).toHaveText(/^(Stream: |Backfill )/);
    await expect(app.page.getByTestId('layer-counts')).toContainText('silver');
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('runs SELECT 42 against the local database', async ({ app }) => {
    await app.goTo('sql');
    const sql = new SqlPage(app.page);
    await sql.runSql('SELECT 42 AS answer');
    await expect(sql.result).toContainText('answer');
    await expect(sql.result).toContainText('42');
  });

  test("shows invalid SQL with DuckDB's message and position, and keeps working", async ({ app }) => {
    await app.goTo('sql');
    const sql = new SqlPage(app.page);
    await sql.runSql('SELECT 1 FORM x');
    await expect(sql.error).toContainText('syntax error at or near "x"');
    await expect(sql.error).toContainText('line 1');
    await sql.runSql('SELECT 7 AS seven');
    await expect(sql.result).toContainText('seven');
  });

  test('switches between light and dark themes and remembers the choice', async ({ app }) => {
    const before = await app.theme();
    await app.toggleTheme();
    const after = await app.theme();
    expect(after).not.toBe(before);
    await app.page.reload();
    await expect.poll(() => app.theme()).toBe(after);
  });

  test('refuses the API without the token', async ({ request }) => {
    const r = await request.post('/api/call/app.info', { data: {} });
    expect(r.status()).toBe(401);
  });
});

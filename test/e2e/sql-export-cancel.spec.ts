import { expect, test } from './fixtures';
import { SqlPage } from './pages/sql-page';

test('an export shows its progress as a job and stops with its Cancel button', async ({ app }) => {
  test.setTimeout(180_000);
  await app.goTo('sql');
  const page = new SqlPage(app.page);
  await page.runSql('SELECT range AS id, md5(range::VARCHAR) AS h, md5((range * 7)::VARCHAR) AS g FROM range(40000000)');
  await page.idle();
  await app.page.getByTestId('export-json').click();
  const progress = app.page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  const cancel = app.page.getByTestId('export-cancel');
  await expect(cancel).toBeEnabled({ timeout: 30_000 });
  if (process.env.SHOT) await app.page.screenshot({ path: process.env.SHOT });
  await cancel.click();
  await expect(app.page.getByTestId('export-message')).toContainText(/cancel/i, { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  await expect(app.page.getByTestId('export-json')).toBeEnabled();
});

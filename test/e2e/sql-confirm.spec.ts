import { expect, test } from './fixtures';
import { SqlPage } from './pages/sql-page';

test('DROP TABLE asks first: dismissed it does not run, accepted it does', async ({ app, page }) => {
  await app.goTo('sql');
  const sql = new SqlPage(page);
  await sql.runSql('CREATE TABLE keep_me AS SELECT 42 AS answer');
  await sql.idle();

  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await sql.runSql('DROP TABLE keep_me');
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('DROP');
  await sql.runSql('SELECT answer FROM keep_me');
  await sql.idle();
  await expect(sql.result).toContainText('42');

  page.once('dialog', (d) => void d.accept());
  await sql.runSql('DROP TABLE keep_me');
  await sql.idle();
  await sql.runSql('SELECT answer FROM keep_me');
  await sql.idle();
  await expect(sql.error).toContainText('keep_me');
});

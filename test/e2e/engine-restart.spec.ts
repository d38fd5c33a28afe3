import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_TOKEN, expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { SqlPage } from './pages/sql-page';
import { startCliServer, type CliServer } from './support/cli-server';
import { engineChildPid } from './support/engine-process';

// The engine process is killed here, so this test gets a server and database of its own (on a free port).
let server: CliServer;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'medallion-restart-'));
  server = await startCliServer(['serve', '--db', join(dir, 'restart.duckdb'), '--token', E2E_TOKEN], {
    MEDALLION_HOME: join(dir, 'home'),
  });
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a query whose engine process dies: the query names itself, the status bar says the engine restarted, data is kept', async ({
  page,
  request,
}) => {
  const base = new URL(server.url).origin;
  const created = await request.post(`${base}/api/call/sqlwb.execute`, {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { sql: 'CREATE TABLE kept AS SELECT range AS i FROM range(100)' },
  });
  expect(((await created.json()) as { ok: boolean }).ok).toBe(true);

  await page.goto(server.url);
  const shell = new AppShell(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await shell.goTo('sql');
  const sql = new SqlPage(page);
  await sql.runSql('SELECT count(*) FROM range(100000000000) a');
  await expect(page.getByTestId('sql-running')).toBeVisible();
  process.kill(engineChildPid(server.process.pid!), 'SIGKILL');

  await expect(sql.error).toContainText('range(100000000000)', { timeout: 30_000 });
  await expect(sql.error).toContainText('engine was restarted');
  await expect(page.getByTestId('engine-restarted')).toContainText('The engine restarted');
  await page.screenshot({ path: join('test-results', 'engine-restarted.png') });

  await sql.runSql('SELECT count(*) AS n FROM kept');
  await sql.idle();
  await expect(sql.result).toContainText('100');
});

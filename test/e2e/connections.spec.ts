import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { APIRequestContext } from '@playwright/test';
import { E2E_TOKEN, expect, test } from './fixtures';
import { AskPage } from './pages/ask-page';
import { ConnectionsPage, type EmulatorInfo } from './pages/connections-page';
import { DashboardPage } from './pages/dashboard-page';
import { SqlPage } from './pages/sql-page';

let emulator: ChildProcess;
let emu: EmulatorInfo;

test.beforeAll(async () => {
  emulator = spawn(process.execPath, [join(process.cwd(), 'scripts', 'warehouse-emulator.mjs'), '--events', '1000'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: emulator.stdout! }).once('line', resolve);
    emulator.once('exit', (code) => reject(new Error(`warehouse emulator exited (${code})`)));
  });
  emu = JSON.parse(line) as EmulatorInfo;
});

test.afterAll(() => {
  emulator?.kill('SIGTERM');
});

test.describe('Connections page against the warehouse emulator', () => {
  test('creates a profile, explains a bad token, browses, pulls a table, and queries both targets from the SQL page', async ({
    app,
    watched,
    request,
  }) => {
    test.setTimeout(120_000);
    await app.goTo('connections');
    const c = new ConnectionsPage(app.page);
    await expect(app.page.getByTestId('conn-secrets-warning')).toContainText('not protected by an OS keychain');

    await c.createProfile('Emulator', emu, 'dapi-wrong-token');
    await c.testConnection();
    await expect(c.verdict).toHaveAttribute('data-verdict', 'token_rejected');
    await expect(c.verdict).toContainText('Token rejected.');

    await c.field('secret').fill(emu.token);
    await app.page.getByTestId('conn-save').click();
    await c.testConnection();
    await expect(c.verdict).toHaveAttribute('data-verdict', 'ok');
    await expect(c.verdict).toContainText('Databricks SQL emulator');
    await expect(c.field('secret')).toHaveValue('');
    await expect(c.field('secret')).toHaveAttribute('placeholder', /stored/);

    await expect(c.node('memory')).toBeVisible();
    await c.open('memory');
    await c.open('memory/main');
    await expect(c.node('memory/main/events')).toContainText('payment events');
    await expect(c.node('memory/main/v_card_network_performance')).toBeVisible();
    await c.open('memory/main/events');
    await expect(c.node('memory/main/events/amount')).toContainText('DECIMAL(12,2)');
    await c.treeSearch.fill('fraud');
    await expect(c.node('memory/main/events/fraud_score')).toBeVisible();
    await expect(c.node('memory/main/events/amount')).toHaveCount(0);
    await c.treeSearch.fill('');

    await expect(app.page.getByTestId('pull-source')).toHaveText('memory.main.events');
    await c.pullTarget.fill('events_local');
    await c.pullStart.click();
    await expect(c.pullDone).toContainText('Pulled 1,001 rows into events_local', { timeout: 30_000 });
    await expect(c.pullHistory).toContainText('memory.main.events');

    const html = await app.page.content();
    expect(html).not.toContain(emu.token);

    await app.goTo('sql');
    const sql = new SqlPage(app.page);
    await sql.runSql('SELECT count(*) AS n, sum(amount)::VARCHAR AS total FROM events_local WHERE amount >= 0');
    await sql.idle();
    await expect(sql.row(0)).toContainText('1000');
    const localTotal = (await sql.row(0).textContent()) ?? '';

    await app.page.getByTestId('sql-target').selectOption({ label: 'Databricks · Emulator' });
    await sql.runSql('SELECT count(*) AS n, sum(amount)::VARCHAR AS total FROM events WHERE amount >= :min');
    await app.page.getByTestId('param-min').fill('0');
    await app.page.getByTestId('param-min').press('Enter');
    await sql.idle();
    await expect(sql.row(0)).toHaveText(localTotal);
    await sql.setSql('SELECT card_network, count(*) AS n FROM ev');
    await app.page.keyboard.press('ControlOrMeta+Space');
    await expect(sql.suggestions).toContainText('events');
    await app.page.keyboard.press('Escape');
    await sql.panel('history').click();
    await expect(app.page.getByTestId('history-entry').first()).toContainText('amount >= :min');
    // Other specs share this server's workspace: leave the tab on the local database.
    await app.page.getByTestId('sql-target').selectOption('local');
    await expect(app.page.getByTestId('sql-target')).toHaveValue('local');
    await expect
      .poll(async () => {
        const r = await request.post('/api/call/sqlwb.getWorkspace', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: {} });
        return ((await r.json()) as { data: { tabs: { target: string }[] } }).data.tabs.some((t) => t.target.startsWith('warehouse:'));
      })
      .toBe(false);
    expect(watched.foreignRequests).toEqual([]);
  });
});

test.describe('A dashboard switched to the warehouse target', () => {
  let replayed: ChildProcess;
  let wh: EmulatorInfo;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // A warehouse holding the medallion tables and gold views (the dashboards' data).
    replayed = spawn(process.execPath, [join(process.cwd(), 'scripts', 'warehouse-emulator.mjs'), '--events', '0', '--replay', '20000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: replayed.stdout! }).once('line', resolve);
      replayed.once('exit', (code) => reject(new Error(`warehouse emulator exited (${code})`)));
    });
    wh = JSON.parse(line) as EmulatorInfo;
  });

  test.afterAll(() => {
    replayed?.kill('SIGTERM');
  });

  test('runs Executive Overview on the profile, says so, and remembers the choice', async ({ app, watched, request }) => {
    test.setTimeout(120_000);
    await app.goTo('connections');
    await new ConnectionsPage(app.page).createProfile('Replayed warehouse', wh);

    await app.goTo('dashboards');
    await app.page.locator('[data-testid=dashboard-card][data-dashboard-id="executive-overview"]').click();
    const d = new DashboardPage(app.page);
    const badge = app.page.getByTestId('dashboard-target-badge');
    await expect(badge).toHaveText('Local DuckDB');
    await d.settled();

    await app.page.getByTestId('dashboard-target').selectOption({ label: 'Databricks · Replayed warehouse' });
    await expect(badge).toHaveText('Databricks · Replayed warehouse');
    await expect(badge).toHaveAttribute('data-target', 'warehouse');
    const values = await d.counterValues();
    expect(values).toHaveLength(6);
    // The date presets anchor at the warehouse's newest event, so the counters hold real numbers.
    expect(Number(values[0]!.replace(/[^0-9.]/g, ''))).toBeGreaterThan(0);
    await expect(d.errors).toHaveCount(0);

    const auth = { authorization: `Bearer ${E2E_TOKEN}` };
    const profiles = (await (await request.post('/api/call/warehouse.listProfiles', { headers: auth, data: {} })).json()) as {
      data: { profiles: { id: string; name: string }[] };
    };
    const profileId = profiles.data.profiles.find((p) => p.name === 'Replayed warehouse')!.id;

    // Remembered per dashboard: reopening it keeps the warehouse target.
    await app.page.reload();
    await expect(badge).toHaveText('Databricks · Replayed warehouse');
    await expect(app.page.getByTestId('dashboard-target')).toHaveValue(profileId);
    expect(await d.counterValues()).toEqual(values);
    await expect(d.errors).toHaveCount(0);

    await app.page.getByTestId('dashboard-target').selectOption({ label: 'Local DuckDB' });
    await expect(badge).toHaveText('Local DuckDB');
    await d.settled();
    await request.post('/api/call/warehouse.deleteProfile', { headers: auth, data: { profileId } });
    expect(watched.foreignRequests).toEqual([]);
  });

  test('keeps the warehouse target: Databricks twins, drill-through and Open in SQL editor', async ({ app, watched, request }) => {
    test.setTimeout(150_000);
    await app.goTo('connections');
    await new ConnectionsPage(app.page).createProfile('Twin warehouse', wh);
    const profileId = await profileIdOf(request, 'Twin warehouse');

    await app.goTo('dashboards');
    await app.page.locator('[data-testid=dashboard-card][data-dashboard-id="technical-performance"]').click();
    const d = new DashboardPage(app.page);
    await d.settled();
    await app.page.getByTestId('dashboard-target').selectOption({ label: 'Databricks · Twin warehouse' });
    await expect(app.page.getByTestId('dashboard-target-badge')).toHaveText('Databricks · Twin warehouse');
    await d.settled();
    await expect(d.errors).toHaveCount(0);

    // The p95 counter's dataset runs its Databricks SQL twin there, and the SQL shown is that twin.
    const p95 = app.page.locator('[data-testid=widget][data-widget-id="p95_latency"]');
    await p95.getByTestId('widget-sql').click();
    await expect(p95.getByTestId('widget-sql-dialect')).toContainText('Databricks SQL twin');
    await expect(p95.getByTestId('widget-sql-text')).toContainText('percentile_cont(0.95) WITHIN GROUP');
    await p95.getByTestId('widget-open-sql').click();
    const sql = new SqlPage(app.page);
    await expect(app.page.getByTestId('sql-target')).toHaveValue(`warehouse:${profileId}`);
    await sql.run.click();
    await sql.idle();
    await expect(sql.error).toHaveCount(0);
    await expect(sql.result).toContainText('p95_latency_ms');
    // The SQL page keeps its tabs across specs: leave this one on the local target.
    await app.page.getByTestId('sql-target').selectOption('local');

    // Drill-through on the warehouse target reads the warehouse and hands its SQL over with the target.
    await app.goTo('dashboards');
    await app.page.locator('[data-testid=dashboard-card][data-dashboard-id="technical-performance"]').click();
    await expect(app.page.getByTestId('dashboard-target-badge')).toHaveText('Databricks · Twin warehouse');
    await d.settled();
    await app.page.locator('[data-testid=widget][data-widget-id="by_processor"]').getByTestId('widget-drill').click();
    const panel = app.page.getByTestId('drill-panel');
    await expect(panel.getByTestId('drill-target')).toHaveText('Databricks · Twin warehouse');
    await expect(panel.getByTestId('drill-total')).toContainText(/Rows 1–100 of [\d,]+/, { timeout: 30_000 });
    await panel.getByTestId('drill-open-sql').click();
    await expect(app.page.getByTestId('sql-target')).toHaveValue(`warehouse:${profileId}`);
    await sql.run.click();
    await sql.idle();
    await expect(sql.error).toHaveCount(0);
    await expect(sql.result).toContainText('transaction_id');
    await app.page.getByTestId('sql-target').selectOption('local');

    await app.goTo('dashboards');
    await app.page.locator('[data-testid=dashboard-card][data-dashboard-id="technical-performance"]').click();
    await app.page.getByTestId('dashboard-target').selectOption({ label: 'Local DuckDB' });
    await request.post('/api/call/warehouse.deleteProfile', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { profileId } });
    expect(watched.foreignRequests).toEqual([]);
  });

  test('Ask answers on the warehouse target and says so', async ({ app, watched, request }) => {
    test.setTimeout(120_000);
    await app.goTo('connections');
    await new ConnectionsPage(app.page).createProfile('Ask warehouse', wh);
    const profileId = await profileIdOf(request, 'Ask warehouse');

    await app.goTo('ask');
    const ask = new AskPage(app.page);
    await app.page.getByTestId('ask-target').selectOption({ label: 'Databricks · Ask warehouse' });
    const answer = await ask.ask('How many transactions by card network?');
    await expect(answer.getByTestId('ask-answer-target')).toHaveText('Databricks · Ask warehouse');
    await expect(answer.getByTestId('ask-answer-target')).toHaveAttribute('data-target', 'warehouse');
    await expect(answer.getByTestId('ask-sentence')).toContainText('(Databricks · Ask warehouse)');
    await expect(answer.getByTestId('ask-sql-summary')).toContainText('Databricks SQL, ran on Databricks · Ask warehouse');
    await expect(answer.getByTestId('ask-sql')).toHaveValue(/FROM `memory`\.`main`\.payments_enriched_silver/);
    await expect(answer.getByTestId('ask-result-meta')).toContainText('from Databricks · Ask warehouse');

    // The warehouse answer's SQL opens in the SQL editor on the same warehouse.
    await answer.getByTestId('ask-open-sql').click();
    await expect(app.page.getByTestId('sql-target')).toHaveValue(`warehouse:${profileId}`);
    await app.page.getByTestId('sql-target').selectOption('local');
    await expect(app.page.getByTestId('sql-target')).toHaveValue('local');

    // Switching back to local answers locally.
    await app.goTo('ask');
    await app.page.getByTestId('ask-target').selectOption({ label: 'Local DuckDB' });
    const local = await ask.ask('How many transactions by card network?');
    await expect(local.getByTestId('ask-sentence')).not.toContainText('Ask warehouse');
    await request.post('/api/call/warehouse.deleteProfile', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { profileId } });
    expect(watched.foreignRequests).toEqual([]);
  });
});

async function profileIdOf(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.post('/api/call/warehouse.listProfiles', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: {} });
  const body = (await res.json()) as { data: { profiles: { id: string; name: string }[] } };
  return body.data.profiles.find((p) => p.name === name)!.id;
}

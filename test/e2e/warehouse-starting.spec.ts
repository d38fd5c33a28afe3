import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from './fixtures';
import { ConnectionsPage, type EmulatorInfo } from './pages/connections-page';

let emulator: ChildProcess;
let emu: EmulatorInfo;

test.beforeAll(async () => {
  emulator = spawn(process.execPath, [join(process.cwd(), 'scripts', 'warehouse-emulator.mjs'), '--events', '100'], {
    stdio: ['pipe', 'pipe', 'inherit'],
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

test('a starting warehouse shows "starting… (n s)" in the status bar, then connects', async ({ app }) => {
  test.setTimeout(90_000);
  await app.goTo('connections');
  const c = new ConnectionsPage(app.page);
  await c.createProfile('Auto-start', emu);
  // The warehouse auto-starts for 6 s: every call answers 503 + Retry-After: 1 meanwhile.
  emulator.stdin!.write('starting 6000\n');
  await app.page.getByTestId('conn-test').click();
  const notice = app.page.getByTestId('warehouse-starting');
  await expect(notice).toContainText(/Warehouse “Auto-start” starting… \(\d+ s so far, up to 360 s\)/, { timeout: 20_000 });
  await app.page.screenshot({ path: test.info().outputPath('warehouse-starting.png') });
  await expect(c.verdict).toHaveAttribute('data-verdict', 'ok', { timeout: 30_000 });
  await expect(notice).toBeHidden();
});

test('an OAuth profile opts into Microsoft Entra ID only when asked, and keeps the choice', async ({ app }) => {
  await app.goTo('connections');
  const c = new ConnectionsPage(app.page);
  await app.page.getByTestId('conn-new').click();
  await c.field('name').fill('Azure SP');
  await c.field('host').fill('adb-1234567890123456.7.azuredatabricks.net');
  await c.field('warehouseId').fill('abcdef1234567890');
  await c.field('authType').selectOption('oauth-m2m');
  await expect(c.field('oauthProvider')).toHaveValue('databricks');
  await expect(c.field('azureTenantId')).toHaveCount(0);
  await c.field('oauthProvider').selectOption('entra');
  await c.field('azureTenantId').fill('contoso-tenant');
  await c.field('clientId').fill('sp-client');
  await c.field('secret').fill('sp-secret');
  await app.page.screenshot({ path: test.info().outputPath('entra-option.png') });
  await app.page.getByTestId('conn-save').click();
  await app.page.reload();
  await app.page.getByTestId('conn-profile-Azure SP').click();
  await expect(c.field('oauthProvider')).toHaveValue('entra');
  await expect(c.field('azureTenantId')).toHaveValue('contoso-tenant');
});

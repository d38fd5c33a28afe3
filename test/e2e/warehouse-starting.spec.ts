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

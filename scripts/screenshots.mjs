#!/usr/bin/env node
// Screenshots of every page, light and dark, into docs/screenshots/ (run `npm run -s build` first).
// Starts `medallion serve` on a fresh database in .e2e/screenshots, shows the welcome, loads the
// sample data through it, then visits each page. Usage: node scripts/screenshots.mjs [name…]
// (with names, only those pictures are written, e.g. `dashboards-package-dialog dashboards-print`).
// E2E_PORT=4205 serves on that port (default: a free one). Prints, as JSON, the seconds from the
// click on "Load sample data" to numbers on the Executive Overview, with the load average.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.e2e', 'screenshots');
const out = join(root, 'docs', 'screenshots');
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'home'), { recursive: true });
mkdirSync(out, { recursive: true });

const server = spawn(
  process.execPath,
  [
    join(root, 'bin', 'medallion.cjs'),
    'serve',
    '--db',
    join(dir, 'shots.duckdb'),
    '--token',
    'screenshots',
    ...(process.env.E2E_PORT ? ['--port', process.env.E2E_PORT] : []),
  ],
  {
    cwd: root,
    env: { ...process.env, MEDALLION_HOME: join(dir, 'home') },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(text);
    if (m) resolve(m[1]);
  });
  server.once('exit', (code) => reject(new Error(`medallion serve exited with ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const settle = async () => {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('[data-testid=widget][data-state=loading]')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300); // let charts finish their layout before the picture
};
const only = process.argv.slice(2);
const shoot = async (name) => {
  if (only.length && !only.includes(name)) return;
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => {
      localStorage.setItem('medallion.theme', t);
      document.documentElement.dataset.theme = t;
    }, theme);
    await settle();
    await page.screenshot({ path: join(out, `${name}-${theme}.png`) });
    console.log(`${name}-${theme}.png`);
  }
};

try {
  await page.goto(`${url}#/dashboards`);
  await page.getByTestId('welcome').waitFor();
  await shoot('welcome');
  await page.goto(`${url}#/dashboards/executive-overview`);
  await shoot('dashboards-empty-database');
  await page.goto(`${url}#/dashboards`);
  const load = loadavg()[0];
  const clicked = performance.now();
  await page.getByTestId('welcome-sample').click();
  await page.waitForURL(/executive-overview$/, { timeout: 120_000 });
  await page.locator('[data-testid=counter-value]', { hasText: /[1-9]/ }).first().waitFor({ timeout: 120_000 });
  const seconds = (performance.now() - clicked) / 1000;
  console.log(JSON.stringify({ sampleLoadToNumbersSeconds: Number(seconds.toFixed(1)), loadAverage1m: Number(load.toFixed(1)) }));
  await shoot('dashboards-executive-overview');
  await page.getByTestId('package-dashboard').click();
  await page.getByTestId('package-content-aggregates').check();
  await page.getByTestId('package-note').fill('Q1 board pack: approval held above 85% all quarter.');
  await shoot('dashboards-package-dialog');
  await page.keyboard.press('Escape');
  // The print view the PDF export saves (print.css): header, no app chrome, light colours.
  await page.emulateMedia({ media: 'print' });
  await shoot('dashboards-print');
  await page.emulateMedia({ media: 'screen' });
  for (const id of ['real-time-monitoring', 'fraud-risk', 'routing-optimization']) {
    await page.goto(`${url}#/dashboards/${id}`);
    await shoot(`dashboards-${id}`);
  }
  await page.goto(`${url}#/dashboards`);
  await shoot('dashboards-gallery');
  for (const p of ['sql', 'ask', 'models', 'agents', 'pipeline', 'connections', 'settings']) {
    await page.goto(`${url}#/${p}`);
    if (p === 'models' && (!only.length || only.includes('models'))) {
      // The page as a user sees it after "Train all four" on the sample month: a version and its settings.
      await page.getByTestId('train-all').click();
      await page.getByTestId('train-status').filter({ hasText: 'Trained' }).waitFor({ timeout: 600_000 });
      await page.getByTestId('load-random').click();
      await page.getByTestId('prediction-label').waitFor({ timeout: 60_000 });
    }
    await shoot(p);
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

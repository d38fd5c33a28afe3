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
  // An open dashboard first says "Loading dashboard…" with no widgets at all: wait for its grid (slow on a loaded machine).
  if (/#\/dashboards\/[^?]+/u.test(page.url())) await page.getByTestId('dashboard-grid').waitFor({ timeout: 120_000 });
  await page
    .locator('[data-testid=widget][data-state=loading]')
    .first()
    .waitFor({ state: 'detached', timeout: 120_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300); // let charts finish their layout before the picture
};
const only = process.argv.slice(2);
const shoot = async (name, themes = ['light', 'dark']) => {
  if (only.length && !only.includes(name)) return;
  for (const theme of themes) {
    await page.evaluate((t) => {
      localStorage.setItem('medallion.theme', t);
      document.documentElement.dataset.theme = t;
    }, theme);
    await settle();
    // One theme asked for: one picture, named without it.
    const file = themes.length === 1 ? `${name}.png` : `${name}-${theme}.png`;
    await page.screenshot({ path: join(out, file) });
    console.log(file);
  }
};

/** True when any of these pictures is asked for (all are, without names on the command line). */
const wants = (...names) => !only.length || names.some((n) => only.includes(n));

/** Replaces the SQL editor's text (inserted, not typed: no autocomplete). */
const setSql = async (sql) => {
  await page.locator('[data-testid=sql-editor] .monaco-editor .view-lines').click({ position: { x: 40, y: 8 } });
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
};
const sqlIdle = () => page.getByTestId('sql-running').waitFor({ state: 'detached', timeout: 120_000 });

/** The SQL page's analyst tools: a column profile beside the result tabs of Run all, then a line split by network. */
const sqlTools = async () => {
  if (wants('sql-schema-profile')) {
    const relation = page.locator('[data-testid=schema-relation][data-name="payments_enriched_silver"]');
    await relation.locator('.schema-relation').click();
    await relation.locator('[data-testid=schema-column][data-name="amount"]').click();
    await page.getByTestId('profile-histogram').waitFor({ timeout: 60_000 });
    await setSql(
      'SELECT card_network, count(*) AS payments, round(avg(is_approved::INT) * 100, 2) AS approval_pct\n' +
        'FROM payments_enriched_silver GROUP BY ALL ORDER BY payments DESC;\n' +
        'SELECT processor, round(quantile_cont(processing_latency_ms, 0.95)) AS p95_latency_ms\n' +
        'FROM payments_enriched_silver GROUP BY ALL ORDER BY 2;',
    );
    await page.getByTestId('sql-run-all').click();
    await sqlIdle();
    await page.getByTestId('result-tab').nth(1).waitFor();
    await shoot('sql-schema-profile');
  }
  if (wants('sql-chart-split')) {
    await setSql(
      // date_trunc gives timestamps at midnight: the x axis prints them as dates (chart-ticks.ts).
      "SELECT date_trunc('day', event_timestamp) AS day, card_network, count(*) AS payments\n" +
        'FROM payments_enriched_silver\n' +
        '-- whole days only: the first and last day of the sample are partial\n' +
        'WHERE day > (SELECT min(event_timestamp)::DATE FROM payments_enriched_silver)\n' +
        '  AND day < (SELECT max(event_timestamp)::DATE FROM payments_enriched_silver)\n' +
        'GROUP BY ALL ORDER BY day',
    );
    await page.getByTestId('sql-run').click();
    await sqlIdle();
    await page.getByTestId('panel-chart').click();
    const chart = page.getByTestId('result-chart');
    await chart.getByLabel('Split by').selectOption('card_network');
    await chart.locator('.recharts-line').first().waitFor();
    await shoot('sql-chart-split');
  }
};

/** Asks a question on the Ask page and waits for its answer card. */
const ask = async (question) => {
  const answers = page.getByTestId('ask-answer');
  const before = await answers.count();
  await page.getByTestId('ask-input').fill(question);
  await page.getByTestId('ask-submit').click();
  await answers.nth(before).waitFor({ timeout: 60_000 });
};

/** Ask: answers with their SQL, a vague question's choices, a refusal (each in a new conversation). */
const askAnswers = async () => {
  if (wants('ask-answers')) {
    await page.getByTestId('ask-new').click();
    await ask('approval rate by card network');
    await ask('95th percentile latency by processor');
    await shoot('ask-answers');
  }
  if (wants('ask-choices')) {
    await page.getByTestId('ask-new').click();
    await ask('top 5 merchants');
    await page.getByTestId('ask-suggestions').waitFor();
    await shoot('ask-choices');
  }
  if (wants('ask-refusal')) {
    await page.getByTestId('ask-new').click();
    await ask("what's the weather in Sao Paulo tomorrow");
    await shoot('ask-refusal');
  }
};

/** Models' what-if tab: amount swept over its own range, then the amount × fraud score heat map. */
const whatIf = async () => {
  await page.getByRole('textbox', { name: 'amount', exact: true }).fill('43');
  await page.getByTestId('tab-what-if').click();
  await page.getByLabel('Sweep feature').selectOption('amount');
  await page.getByTestId('sweep-run').click();
  await page.getByTestId('sweep-current').waitFor({ timeout: 60_000 });
  await page.getByLabel('Heat map x feature').selectOption('amount');
  await page.getByLabel('Heat map y feature').selectOption('fraud_score');
  await page.getByTestId('heat-run').click();
  await page.getByTestId('heatmap-legend').waitFor({ timeout: 60_000 });
  await shoot('models-whatif');
};

try {
  await page.goto(`${url}#/dashboards`);
  await page.getByTestId('welcome').waitFor({ timeout: 120_000 });
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
  // The print view the PDF export saves (print.css): header, no app chrome, light on white paper whatever the
  // theme (one picture, taken from the dark theme to show it).
  await page.emulateMedia({ media: 'print' });
  await shoot('dashboards-print', ['dark']);
  await page.emulateMedia({ media: 'screen' });
  for (const id of ['real-time-monitoring', 'fraud-risk', 'routing-optimization']) {
    await page.goto(`${url}#/dashboards/${id}`);
    await shoot(`dashboards-${id}`);
  }
  await page.goto(`${url}#/dashboards`);
  await shoot('dashboards-gallery');
  for (const p of ['sql', 'ask', 'models', 'agents', 'pipeline', 'connections', 'settings']) {
    await page.goto(`${url}#/${p}`);
    if (p === 'models' && wants('models', 'models-whatif')) {
      // The page as a user sees it after "Train all four" on the sample month: a version and its settings.
      await page.getByTestId('train-all').click();
      await page.getByTestId('train-status').filter({ hasText: 'Trained' }).waitFor({ timeout: 600_000 });
      await page.getByTestId('load-random').click();
      await page.getByTestId('prediction-label').waitFor({ timeout: 60_000 });
    }
    await shoot(p);
    if (p === 'sql') await sqlTools();
    if (p === 'ask') await askAnswers();
    if (p === 'models' && wants('models-whatif')) await whatIf();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

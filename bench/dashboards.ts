import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleService } from '../src/core/bundles/bundle-service';
import { BUILTIN_DASHBOARDS } from '../src/core/dashboards/builtin';
import { ImportedDashboards } from '../src/core/dashboards/imported-store';
import { DashboardService } from '../src/core/dashboards/service';
import { Engine } from '../src/core/engine/engine';
import { JobRegistry } from '../src/core/jobs/job-registry';
import { sqlTargets } from '../src/core/engine/sql-target';
import { replay } from '../src/core/pipeline/replay';
import { defaultFilters } from '../src/shared/dashboards/filters';
import type * as Playwright from '@playwright/test';
import { dataFile, machine, percentile, round, time } from './support';

/**
 * Dashboards over N replayed events (default 10M, kept in bench/.data between runs):
 * the slowest widget query of each dashboard, Executive Overview's first paint in browser mode
 * from server process start, and the size and open time of its bundle.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 10_000_000);
  const path = dataFile(`dashboards-${events}.duckdb`);
  let generateMs: number | null = null;
  if (!existsSync(path)) {
    const engine = await Engine.open({ path });
    const started = performance.now();
    await replay(engine, { events, days: 90, seed: 11, start: new Date('2026-01-01T00:00:00Z'), batchSize: 999_999 });
    await engine.run('CHECKPOINT');
    generateMs = performance.now() - started;
    engine.close();
  }

  const engine = await Engine.open({ path });
  const userData = mkdtempSync(join(tmpdir(), 'medallion-bench-'));
  const bundles: BundleService = new BundleService(engine, () => dashboards, join(userData, 'bundles'), new JobRegistry());
  const dashboards = new DashboardService(new ImportedDashboards(join(userData, 'dashboards')), () => bundles, sqlTargets(engine));
  const options = await dashboards.filterOptions('executive-overview');

  const perDashboard: Record<string, { slowest_dataset: string; slowest_p50_ms: number; all_datasets_parallel_ms: number }> = {};
  for (const d of BUILTIN_DASHBOARDS) {
    const filters = defaultFilters(d.defaultDateRange, options);
    let slowest = { name: '', ms: 0 };
    for (const ds of d.datasets) {
      const t = await time(() => dashboards.runDataset(d.id, ds.name, filters), 3, 1);
      const p50 = percentile(t, 50);
      if (p50 > slowest.ms) slowest = { name: ds.name, ms: p50 };
    }
    const all = await time(() => Promise.all(d.datasets.map((ds) => dashboards.runDataset(d.id, ds.name, filters))), 3, 1);
    perDashboard[d.id] = { slowest_dataset: slowest.name, slowest_p50_ms: slowest.ms, all_datasets_parallel_ms: percentile(all, 50) };
  }

  const bundlePath = join(userData, 'executive-overview.mdash');
  const createStarted = performance.now();
  await bundles.create({ dashboardId: 'executive-overview', outPath: bundlePath });
  const createMs = performance.now() - createStarted;
  const openStarted = performance.now();
  const info = await bundles.open(bundlePath);
  const openMs = performance.now() - openStarted;
  const bundleFilters = info.filters.initial;
  const firstQueryStarted = performance.now();
  await Promise.all(BUILTIN_DASHBOARDS[0]!.datasets.map((ds) => dashboards.runDataset(`bundle:${info.bundleId}`, ds.name, bundleFilters)));
  const bundleQueriesMs = performance.now() - firstQueryStarted;
  bundles.closeAll();
  engine.close();

  const paint = await firstPaint(path, join(userData, 'home'));
  const result = {
    benchmark: 'dashboards',
    events,
    silver_rows: info.tables[0]?.rows ?? null,
    generate_ms: generateMs === null ? 'reused bench/.data' : round(generateMs),
    slowest_widget_query_ms: Math.max(...Object.values(perDashboard).map((x) => x.slowest_p50_ms)),
    per_dashboard: perDashboard,
    executive_overview_first_paint: paint,
    executive_overview_bundle: {
      bytes: statSync(bundlePath).size,
      mb: round(statSync(bundlePath).size / 1e6),
      silver_rows: info.tables.find((t) => t.name === 'payments_enriched_silver')?.rows,
      create_ms: round(createMs),
      open_ms: round(openMs),
      all_datasets_in_bundle_ms: round(bundleQueriesMs),
    },
    machine: machine(),
  };
  rmSync(userData, { recursive: true, force: true });
  return result;
}

/**
 * Time from spawning `medallion serve` to every Executive Overview widget painted with data in
 * Chromium (already running, as a user's browser would be).
 */
async function firstPaint(db: string, home: string): Promise<Record<string, number>> {
  const { chromium } = createRequire(join(process.cwd(), 'package.json'))('@playwright/test') as typeof Playwright;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const runs: { server: number; first_widget: number; all_widgets: number }[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const child = spawn(
        process.execPath,
        [join(process.cwd(), 'out', 'cli', 'index.js'), 'serve', '--db', db, '--port', '4199', '--token', 'bench'],
        {
          env: { ...process.env, MEDALLION_HOME: home },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('running at') && resolve()));
      const server = performance.now() - started;
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.goto('http://127.0.0.1:4199/?token=bench#/dashboards/executive-overview');
      await page.locator('[data-testid=widget][data-state=ready]').first().waitFor({ timeout: 60_000 });
      const firstWidget = performance.now() - started;
      await page.locator('[data-testid=widget][data-state=ready]').nth(11).waitFor({ timeout: 60_000 });
      runs.push({ server, first_widget: firstWidget, all_widgets: performance.now() - started });
      await page.close();
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  } finally {
    await browser.close();
  }
  const p = (k: keyof (typeof runs)[number]) =>
    percentile(
      runs.map((r) => r[k]),
      50,
    );
  return {
    server_listening_ms: p('server'),
    first_widget_painted_ms: p('first_widget'),
    all_12_widgets_painted_ms: p('all_widgets'),
    runs: runs.length,
  };
}

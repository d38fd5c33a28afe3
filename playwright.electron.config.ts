import { defineConfig } from '@playwright/test';

/** The Electron end-to-end test; needs a real Electron binary (not downloadable on our build machines). */
export default defineConfig({
  testDir: 'test/e2e/electron',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.ci-out/e2e-electron.json' }]],
});

// `npm test`: typecheck, lint, Electronegativity, build, unit tests, browser end-to-end tests, and the Electron
// end-to-end test where an Electron binary exists. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, '.ci-out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = {
  ...process.env,
  VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
};
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  process.stdout.write(`${ok ? '✔' : '✘'} ${name} (${seconds} s)\n`);
  if (!ok) failures.push(name);
  return ok;
}

/** A gate (typecheck, lint, build) counts as one check. */
function gate(name, command, args) {
  const ok = step(name, command, args);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

/** A test suite counts its tests from its JSON report; a crash with no report counts as one failure. */
function suite(name, command, args, report, count) {
  step(name, command, args);
  const file = join(out, report);
  if (!existsSync(file)) {
    failed += 1;
    failures.push(`${name} (no report)`);
    return;
  }
  const [p, f] = count(JSON.parse(readFileSync(file, 'utf8')));
  passed += p;
  failed += f;
}

const vitestCount = (r) => [r.numPassedTests ?? 0, (r.numFailedTests ?? 0) + (r.numRuntimeErrorTests ?? 0)];
const playwrightCount = (r) => [r.stats?.expected ?? 0, (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0) + (r.errors?.length ?? 0)];

gate('python test environment (pyspark, sqlglot)', 'node', ['scripts/python-env.mjs']);
gate('typecheck', 'npm', ['run', '-s', 'typecheck']);
gate('lint', bin('eslint'), ['--max-warnings', '0', 'src', 'test', 'bench']);
gate('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', 'src', 'test', 'bench', 'scripts']);
gate('electronegativity', 'node', ['scripts/electronegativity.mjs']);
const built = gate('build', 'npm', ['run', '-s', 'build']);
suite(
  'unit tests',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'unit.json')}`],
  'unit.json',
  vitestCount,
);
if (built) {
  rmSync(join(root, '.e2e'), { recursive: true, force: true });
  suite('end-to-end tests (Chromium, browser mode)', bin('playwright'), ['test'], 'e2e.json', playwrightCount);
  const electronPath = join(root, 'node_modules', 'electron', 'path.txt');
  const hasElectron =
    existsSync(electronPath) && existsSync(join(root, 'node_modules', 'electron', 'dist', readFileSync(electronPath, 'utf8').trim()));
  if (hasElectron) {
    suite(
      'end-to-end tests (Electron)',
      bin('playwright'),
      ['test', '-c', 'playwright.electron.config.ts'],
      'e2e-electron.json',
      playwrightCount,
    );
  } else {
    process.stdout.write(
      '\n– Electron end-to-end test skipped: no Electron binary in node_modules/electron/dist (its download is blocked on this machine). It runs wherever `npx electron --version` works.\n',
    );
  }
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);

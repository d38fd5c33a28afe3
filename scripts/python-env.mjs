// Creates .venv with the pinned Python tools the tests need (python/requirements-test.txt) when it is missing or
// out of date, so a fresh machine still needs only `npm ci` and `npm test`. Prints where it is and exits non-zero
// when it cannot be made. Also importable: `ensurePythonEnv()` returns the venv's python path.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const requirements = join(root, 'python', 'requirements-test.txt');

export const venvDir = process.env.MEDALLION_VENV ?? join(root, '.venv');
export const venvPython = join(venvDir, 'bin', 'python');

function run(command, args) {
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}`);
}

export function ensurePythonEnv() {
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const stamp = join(venvDir, '.requirements.sha256');
  if (existsSync(venvPython) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return venvPython;
  const started = Date.now();
  process.stdout.write(`Setting up the Python test environment in ${venvDir} (pyspark, sqlglot; once, a few minutes)…\n`);
  if (!existsSync(venvPython)) run('python3', ['-m', 'venv', venvDir]);
  run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  writeFileSync(stamp, `${wanted}\n`);
  process.stdout.write(`Python test environment ready in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  return venvPython;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensurePythonEnv();
  } catch (error) {
    process.stderr.write(`Could not set up the Python test environment: ${error.message}\n`);
    process.exit(1);
  }
}

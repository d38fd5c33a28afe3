// Where the tests find the pinned Python tools (pyspark, sqlglot) that `npm test` installs into .venv, and the
// environment Spark needs: Java 17 and loopback only.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository: the nearest folder above this file with a package.json (this file may run bundled, from out/bench). */
function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  return join(import.meta.dirname, '..', '..');
}

export const repoRoot = findRoot(import.meta.dirname);
const root = repoRoot;

export const venvPython = join(process.env.MEDALLION_VENV ?? join(root, '.venv'), 'bin', 'python');

/** Throws with the command that fixes it when the Python test environment has not been created yet. */
export function requirePython(): string {
  if (!existsSync(venvPython)) {
    throw new Error(`No Python test environment at ${venvPython}: run \`node scripts/python-env.mjs\` (npm test does it).`);
  }
  return venvPython;
}

function javaHome(): string {
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  const java = execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
  return dirname(dirname(realpathSync(java)));
}

/** Environment for a local-mode Spark child process: JAVA_HOME set, bound to 127.0.0.1, no UI. */
export function sparkEnv(): NodeJS.ProcessEnv {
  return { ...process.env, JAVA_HOME: javaHome(), SPARK_LOCAL_IP: '127.0.0.1', PYSPARK_PYTHON: venvPython };
}

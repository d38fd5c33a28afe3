import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(__dirname, '..', '..', '..');

/**
 * Builds a TypeScript module that exports `run(args)` for plain Node (so `.sql?raw` imports work
 * as in the app) and runs it; returns its result. Used to prepare data for browser tests.
 */
export async function buildAndRun(entry: string, args: string[]): Promise<unknown> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  const name = entry.replace(/[^a-z0-9]+/gi, '-');
  const outDir = join(root, 'out', 'e2e-support', name);
  await build({
    configFile: false,
    logLevel: 'error',
    root,
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      ssr: join(root, entry),
      target: 'node20',
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { external: [...Object.keys(pkg.dependencies), /^node:/], output: { format: 'cjs', entryFileNames: 'index.js' } },
    },
  });
  const script = `require(${JSON.stringify(join(outDir, 'index.js'))}).run(process.argv.slice(1)).then((r) => { process.stdout.write(JSON.stringify(r)); process.exit(0); }, (e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, '--', ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${entry} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

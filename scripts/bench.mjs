// `npm run bench -- NAME [args…]`: builds bench/NAME.ts for Node (so `.sql?raw` imports work as
// in the app) and runs it; the benchmark's run() result is printed as one JSON object. A result with
// `check.passed: false` (a regression check, e.g. `replay-file --check`) exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ')}`);
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: join(root, 'bench', `${name}.ts`),
    target: 'node20',
    outDir: join(root, 'out', 'bench', name),
    emptyOutDir: true,
    minify: false,
    rollupOptions: { external: [...Object.keys(pkg.dependencies), /^node:/], output: { format: 'cjs', entryFileNames: 'index.js' } },
  },
});
const entry = join(root, 'out', 'bench', name, 'index.js');
if (!existsSync(entry)) process.exit(1);
const script = `const m = require(${JSON.stringify(entry)}); Promise.resolve(m.run(process.argv.slice(1))).then((r) => { process.stdout.write(JSON.stringify(r, null, 2) + '\\n'); process.exit(r && r.check && r.check.passed === false ? 1 : 0); }, (e) => { console.error(e); process.exit(1); });`;
const r = spawnSync(process.execPath, ['--expose-gc', '-e', script, '--', ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);

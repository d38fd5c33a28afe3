// `npm run warehouse-emulator -- [options]`: builds the test-support emulator for Node and
// starts it (see test/support/warehouse-emulator/main.ts for the options).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outDir = join(root, 'out', 'warehouse-emulator');
await build({
  configFile: false,
  logLevel: 'error',
  root,
  build: {
    ssr: join(root, 'test', 'support', 'warehouse-emulator', 'main.ts'),
    target: 'node20',
    outDir,
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      external: [...Object.keys(pkg.dependencies), 'apache-arrow', /^node:/],
      output: { format: 'cjs', entryFileNames: 'index.js' },
    },
  },
});
const entry = join(outDir, 'index.js');
if (!existsSync(entry)) process.exit(1);
await createRequire(import.meta.url)(entry).main(process.argv.slice(2));

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

/**
 * The CLI (and the server it starts) as CommonJS for plain Node: out/cli/index.js, and the engine
 * child that `medallion serve` forks (out/cli/engine-child.js).
 */
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { index: resolve(root, 'src/cli/index.ts'), 'engine-child': resolve(root, 'src/core/host/engine-child.ts') },
      external: [...Object.keys(pkg.dependencies), /^node:/],
      // The entry stays tiny (`--version` answers from it); the commands are a chunk next to it, loaded on demand.
      output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    },
  },
  ssr: { noExternal: [] },
});

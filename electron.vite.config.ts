import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const version = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')).version as string;
const define = { __APP_VERSION__: JSON.stringify(version) };

export default defineConfig({
  main: {
    define,
    // The engine child runs core in a utility process next to main (out/main/engine-child.js).
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/index.ts'), 'engine-child': resolve(__dirname, 'src/core/host/engine-child.ts') },
      },
    },
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } } },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    define,
    plugins: [react()],
    build: {
      minify: true,
      chunkSizeWarningLimit: 8000,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});

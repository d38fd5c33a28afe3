#!/usr/bin/env node
'use strict';
// The `medallion` command: runs the built CLI (out/cli/index.js), building it first when it
// is missing or older than the sources of a checkout.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'out', 'cli', 'index.js');

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, item.name);
    if (item.isDirectory()) {
      if (item.name !== 'renderer' && item.name !== 'main' && item.name !== 'preload') newest = Math.max(newest, newestSource(full));
    } else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(entry)) return true;
  const src = join(root, 'src');
  return existsSync(src) && newestSource(src) > statSync(entry).mtimeMs;
}

if (stale()) {
  process.stderr.write('medallion: building the command line…\n');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.node.config.mts', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (built.status !== 0 || !existsSync(entry)) {
    process.stderr.write('medallion: the build failed; run `npm install` then `npm run build`.\n');
    process.exit(1);
  }
}
require(entry);

#!/usr/bin/env node
'use strict';
// Starts `medallion serve` for the browser end-to-end tests on a fresh database in .e2e/.
const { spawn } = require('node:child_process');
const { rmSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dir = join(root, '.e2e');
const port = process.env.E2E_PORT || '4183';
const token = process.env.E2E_TOKEN || 'e2e-test-token';
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'home'), { recursive: true });
const env = { ...process.env, MEDALLION_HOME: join(dir, 'home') };
const cli = join(root, 'bin', 'medallion.cjs');

const server = spawn(process.execPath, [cli, 'serve', '--db', join(dir, 'e2e.duckdb'), '--port', port, '--token', token], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const stop = () => server.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));

// `npm run dist [-- --linux | --mac | --win] [more electron-builder flags]`: builds the app, packages it
// with the pinned electron-builder and build/electron-builder.yml into dist/, then checks the fuses of
// every unpacked app it produced. Packaging downloads the Electron release for the target platform
// (and, for AppImage/nsis/dmg, electron-builder's helper tools), so it needs network access to them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fuseProblems, wantedFuses } from './verify-fuses.mjs';

const root = join(import.meta.dirname, '..');
const config = 'build/electron-builder.yml';
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;

if (!run('npm', ['run', '-s', 'build'])) fail('The app did not build; fix the build before packaging.');
if (!run(bin('electron-builder'), ['--config', config, '--publish', 'never', ...process.argv.slice(2)])) {
  fail(
    'electron-builder failed. If the log above shows a download error, this machine cannot reach the Electron release\n' +
      'downloads: package on a machine that can (or set ELECTRON_MIRROR / ELECTRON_BUILDER_BINARIES_MIRROR to a mirror\n' +
      'you trust). The app itself still builds and tests here with `npm run build` and `npm test`. See docs/packaging.md.',
  );
}

const wanted = await wantedFuses(config);
const apps = unpackedApps(join(root, 'dist'));
if (apps.length === 0) fail('Packaging reported success but no unpacked app was found in dist/ to check the fuses of.');
let bad = 0;
for (const app of apps) {
  const problems = await fuseProblems(app, wanted).catch((error) => [error.message]);
  console.log(`${problems.length ? '✘' : '✔'} fuses of ${app}${problems.length ? `:\n  ${problems.join('\n  ')}` : ''}`);
  if (problems.length) bad += 1;
}
if (bad) fail('Some packaged apps do not carry the fuses of build/electron-builder.yml: do not ship them.');
console.log('Packages are in dist/.');

/** dist/linux-unpacked/<exe>, dist/win-unpacked/<exe>.exe, dist/mac*\/<name>.app, for every arch built. */
function unpackedApps(dist) {
  if (!existsSync(dist)) return [];
  const found = [];
  for (const dir of readdirSync(dist, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const path = join(dist, dir.name);
    if (/^linux(-\w+)?-unpacked$/.test(dir.name) && existsSync(join(path, 'medallion-workbench')))
      found.push(join(path, 'medallion-workbench'));
    if (/^win(-\w+)?-unpacked$/.test(dir.name) && existsSync(join(path, 'Medallion Workbench.exe')))
      found.push(join(path, 'Medallion Workbench.exe'));
    if (/^mac(-\w+)?$/.test(dir.name) && existsSync(join(path, 'Medallion Workbench.app')))
      found.push(join(path, 'Medallion Workbench.app'));
  }
  return found;
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

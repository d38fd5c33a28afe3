// Reads the fuse wire of packaged Electron binaries and checks it against `electronFuses` in
// build/electron-builder.yml (the one place the wanted states are written). `npm run dist` runs it on
// what it built; run it by hand on any artifact:
//   node scripts/verify-fuses.mjs [--config build/electron-builder.yml] <binary or .app> [...]
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
// @electron/fuses is the reader electron-builder itself uses to flip the fuses: take that copy.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const { getCurrentFuseWire, FuseV1Options } = fromBuilder('@electron/fuses');
const { getConfig } = fromBuilder('./out/util/config/config');

const ENABLE = 49;
const DISABLE = 48;
/** electron-builder's electronFuses keys → the fuse's index on the wire. */
const WIRE_INDEX = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The fuse states the packaging config asks for, as { key: boolean }. */
export async function wantedFuses(configFile) {
  const config = await getConfig(root, configFile, null);
  if (!config.electronFuses) throw new Error(`${configFile} sets no electronFuses.`);
  return Object.fromEntries(Object.entries(config.electronFuses).filter(([key]) => key in WIRE_INDEX));
}

/** Problems with one binary's fuse wire; empty when every wanted fuse has its wanted state. */
export async function fuseProblems(binary, wanted) {
  const wire = await getCurrentFuseWire(binary);
  const problems = [];
  for (const [key, on] of Object.entries(wanted)) {
    const state = wire[WIRE_INDEX[key]];
    if (state === undefined) problems.push(`${key}: this Electron has no such fuse`);
    else if (state !== (on ? ENABLE : DISABLE))
      problems.push(`${key}: wanted ${on ? 'on' : 'off'}, is ${state === ENABLE ? 'on' : state === DISABLE ? 'off' : `state ${state}`}`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { config: { type: 'string', default: 'build/electron-builder.yml' } },
  });
  if (positionals.length === 0) {
    console.error('Usage: node scripts/verify-fuses.mjs [--config build/electron-builder.yml] <Electron binary or .app> [...]');
    process.exit(2);
  }
  const wanted = await wantedFuses(values.config);
  let bad = 0;
  for (const binary of positionals) {
    const problems = await fuseProblems(resolve(binary), wanted).catch((error) => [error.message]);
    console.log(
      `${problems.length ? '✘' : '✔'} fuses of ${binary}${problems.length ? `:\n  ${problems.join('\n  ')}` : `: ${Object.keys(wanted).length} as configured`}`,
    );
    if (problems.length) bad += 1;
  }
  process.exit(bad ? 1 : 0);
}

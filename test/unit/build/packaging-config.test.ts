import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_EXTENSION } from '../../../src/core/bundles/create';

// The packaging config, read and schema-checked by the pinned electron-builder itself (packaging
// cannot run here: it downloads Electron). Fuses, targets, association and icons are what we ship.
const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, 'build/electron-builder.yml', null);
});

const targets = (platform: { target?: unknown } | null | undefined) => (platform?.target as string[] | undefined) ?? [];

describe('build/electron-builder.yml', () => {
  it('is accepted by electron-builder’s own schema, which does reject a misspelt fuse (control)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, an NSIS installer on Windows', () => {
    expect(targets(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac)).toEqual(['dmg']);
    expect(targets(config.win)).toEqual(['nsis']);
  });

  it('sets the hardening fuses: no run-as-node, no NODE_OPTIONS, no --inspect, asar only and integrity-checked, cookies encrypted', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).not.toBe(false);
  });

  it('associates dashboard bundles (the extension core writes) with the app, read-only', () => {
    const association = [config.fileAssociations].flat()[0];
    expect(association).toMatchObject({ ext: BUNDLE_EXTENSION.slice(1), role: 'Viewer', mimeType: 'application/x-medallion-dashboard' });
    expect(config.linux?.mimeTypes).toContain('application/x-medallion-dashboard');
  });

  it('packages the built app that package.json starts', () => {
    expect(pkg.main).toMatch(/^\.\/out\//);
    expect(JSON.stringify(config.files)).toContain('out/**');
  });

  it('is run by `npm run dist` with an exactly pinned electron-builder', () => {
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('app icons', () => {
  const size = (file: string) => {
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('has an SVG source and the 1024 px PNG macOS and Windows icons are made from', () => {
    expect(readFileSync(join(root, 'build', 'icon.svg'), 'utf8')).toContain('<svg');
    expect(config.mac?.icon).toBe('build/icon.png');
    expect(config.win?.icon).toBe('build/icon.png');
    expect(size(join(root, 'build', 'icon.png'))).toEqual([1024, 1024]);
  });

  it('has square Linux icons from 16 to 1024 px, each as large as its name says', () => {
    expect(config.linux?.icon).toBe('build/icons');
    const files = readdirSync(join(root, 'build', 'icons')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    expect(files).toEqual([
      '16x16.png',
      '24x24.png',
      '32x32.png',
      '48x48.png',
      '64x64.png',
      '128x128.png',
      '256x256.png',
      '512x512.png',
      '1024x1024.png',
    ]);
    for (const file of files) {
      const n = parseInt(file, 10);
      expect(size(join(root, 'build', 'icons', file)), file).toEqual([n, n]);
    }
  });
});

describe('scripts/verify-fuses.mjs (run by npm run dist on every unpacked app)', () => {
  const work = mkdtempSync(join(tmpdir(), 'medallion-fuses-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  // The fuse wire as Electron lays it out: sentinel, version 1, length, one '0'/'1' byte per fuse.
  const binary = (name: string, wire: string) => {
    const file = join(work, name);
    writeFileSync(
      file,
      Buffer.concat([Buffer.alloc(64), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.alloc(64)]),
    );
    return file;
  };
  const verify = (...files: string[]) =>
    new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, [join(root, 'scripts', 'verify-fuses.mjs'), ...files], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });

  // Wire order: RunAsNode, CookieEncryption, NodeOptions, CliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol.
  it('passes a binary whose fuses match the config', async () => {
    const r = await verify(binary('good', '01001100'));
    expect(r.output).toContain('7 as configured');
    expect(r.code).toBe(0);
  });

  it('fails a binary with RunAsNode still on, or with no fuse wire at all', async () => {
    const r = await verify(binary('run-as-node', '11001100'), binary('no-wire', ''));
    expect(r.code).toBe(1);
    expect(r.output).toContain('runAsNode: wanted off, is on');
    expect(r.output).toMatch(/no-wire:\n {2}\w+: this Electron has no such fuse/);
  });
});

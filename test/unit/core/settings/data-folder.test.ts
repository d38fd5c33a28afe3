import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanUpDataFolder, describeDataFolder } from '../../../../src/core/settings/data-folder';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'medallion-settings-'));
  writeFileSync(join(dir, 'medallion.duckdb'), Buffer.alloc(4096));
  writeFileSync(join(dir, 'secrets.json'), '{"k":"v"}');
  mkdirSync(join(dir, 'bundles'));
  writeFileSync(join(dir, 'bundles', 'executive-overview-1.mdash'), Buffer.alloc(1000));
  writeFileSync(join(dir, 'bundles', 'keep-me.txt'), 'not a bundle');
  mkdirSync(join(dir, 'tmp'));
  writeFileSync(join(dir, 'tmp', 'train.csv'), Buffer.alloc(500));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('data folder', () => {
  it('lists the database, the cleanable caches and the rest, with sizes that add up', () => {
    const folder = describeDataFolder(dir, join(dir, 'medallion.duckdb'));
    const byName = Object.fromEntries(folder.entries.map((e) => [e.name, e]));
    expect(byName['medallion.duckdb']).toMatchObject({ bytes: 4096, cleanable: null, label: 'Database' });
    expect(byName['bundles']).toMatchObject({ bytes: 1012, cleanable: 'packaged-bundles' });
    expect(byName['tmp']).toMatchObject({ bytes: 500, cleanable: 'model-scratch' });
    expect(byName['other']).toMatchObject({ cleanable: null });
    expect(folder.totalBytes).toBe(4096 + 1012 + 500 + 9);
  });

  it('clean-up removes only what was chosen: bundle files, never the database or secrets', () => {
    expect(cleanUpDataFolder(dir, ['packaged-bundles'])).toBe(1000);
    expect(existsSync(join(dir, 'bundles', 'keep-me.txt'))).toBe(true);
    expect(existsSync(join(dir, 'tmp', 'train.csv'))).toBe(true);
    expect(cleanUpDataFolder(dir, ['model-scratch'])).toBe(500);
    expect(existsSync(join(dir, 'tmp'))).toBe(false);
    expect(existsSync(join(dir, 'medallion.duckdb'))).toBe(true);
    expect(existsSync(join(dir, 'secrets.json'))).toBe(true);
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../../../src/core/host/engine-host';
import type { EventName } from '../../../../src/shared/api';
import { openBundleHost } from '../../../../src/cli/open-core';
import { ROOT, runCli } from '../../../support/cli';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';

const FILTERS = { dateFrom: '2026-03-02', dateTo: '2026-03-31', cardNetwork: null, merchantSegment: null, country: null };

let profile: string;
let file: string;
let host: EngineHost;
let maker: Awaited<ReturnType<typeof createTestCore>>;
const events: EventName[] = [];

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

beforeAll(async () => {
  expect((await runCli(['--version'])).code).toBe(0);
  process.env.MEDALLION_ENGINE_CHILD = join(ROOT, 'out', 'cli', 'engine-child.js');
  maker = await createTestCore();
  await createMiniSilver(maker.engine);
  file = join(maker.dir, 'exec.mdash');
  await maker.bundles.create({ dashboardId: 'executive-overview', filters: FILTERS, outPath: file });
  profile = mkdtempSync(join(tmpdir(), 'medallion-bundle-view-test-'));
  host = await openBundleHost(profile);
  host.events.subscribe((name) => events.push(name));
}, 120_000);

afterAll(async () => {
  await host?.close();
  await maker?.dispose();
  rmSync(profile, { recursive: true, force: true });
  delete process.env.MEDALLION_ENGINE_CHILD;
});

describe('medallion bundle open: the bundle sandbox in its own process', () => {
  it('opens the bundle in the engine child, its unpacked data inside the child’s own temp folder', async () => {
    const opened = await host.dispatcher.dispatch('bundles.open', { path: file });
    expect(opened).toMatchObject({ ok: true, data: { title: 'Executive Overview' } });
    const scratch = join(profile, 'tmp', 'engine-1');
    expect(filesUnder(scratch).some((f) => f.startsWith('medallion-bundle-'))).toBe(true);
  }, 60_000);

  it('leaves no temp copy behind when that process crashes, and opens the bundle again after the restart', async () => {
    const before = host.pid!;
    process.kill(before, 'SIGKILL');
    await expect.poll(() => events.includes('engine.restarted'), { timeout: 30_000, interval: 100 }).toBe(true);
    expect(existsSync(join(profile, 'tmp', 'engine-1'))).toBe(false);
    expect(filesUnder(join(profile, 'tmp')).filter((f) => f.includes('medallion-bundle-'))).toEqual([]);

    expect(await host.dispatcher.dispatch('bundles.open', { path: file })).toMatchObject({ ok: true });
    expect(filesUnder(join(profile, 'tmp', 'engine-2')).some((f) => f.startsWith('medallion-bundle-'))).toBe(true);
    await host.close();
    expect(filesUnder(join(profile, 'tmp'))).toEqual([]);
  }, 60_000);
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundleFile } from '../../../../src/core/bundles/bundle-service';
import type { Job } from '../../../../src/shared/api';
import { createMiniSilver } from '../../../support/mini-silver';
import { createTestCore } from '../../../support/test-core';

const flip = (b: Buffer, i: number) => (b.writeUInt8(b.readUInt8(i) ^ 0x40, i), b);

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
const FILTERS = { dateFrom: '2026-03-02', dateTo: '2026-03-31', cardNetwork: null, merchantSegment: null, country: null };

describe('packaged dashboards', () => {
  let core: TestCore;
  let viewer: TestCore;
  let file: string;
  let bytes: Buffer;

  beforeAll(async () => {
    core = await createTestCore();
    viewer = await createTestCore();
    await createMiniSilver(core.engine);
    file = join(core.dir, 'exec.mdash');
    await core.bundles.create({ dashboardId: 'executive-overview', filters: FILTERS, outPath: file });
    bytes = readFileSync(file);
  });
  afterAll(async () => {
    await core.dispose();
    await viewer.dispose();
  });

  const variant = (name: string, mutate: (b: Buffer) => Buffer) => {
    const path = join(core.dir, name);
    writeFileSync(path, mutate(Buffer.from(bytes)));
    return path;
  };

  it('opens in a database-less core and shows the same counter values as the source', async () => {
    const info = await viewer.dispatcher.dispatch('bundles.open', { path: file }, { signal: new AbortController().signal });
    expect(info.ok).toBe(true);
    const id = `bundle:${(info as { data: { bundleId: string } }).data.bundleId}`;
    const fromBundle = await viewer.dashboards.runDataset(id, 'kpis', FILTERS);
    const fromSource = await core.dashboards.runDataset('executive-overview', 'kpis', FILTERS);
    expect(fromBundle.rows).toEqual(fromSource.rows);
    expect(Number(fromBundle.rows[0]![0])).toBeGreaterThan(0);
  });

  it('keeps the filters working on bundled data', async () => {
    const info = await viewer.bundles.open(file);
    const filtered = { ...FILTERS, cardNetwork: 'Visa', dateFrom: '2026-03-20' };
    const a = await viewer.dashboards.runDataset(`bundle:${info.bundleId}`, 'by_network', filtered);
    const b = await core.dashboards.runDataset('executive-overview', 'by_network', filtered);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.map((r) => r[0])).toEqual(['Visa']);
  });

  it('drills into bundled silver rows, paged', async () => {
    const info = await viewer.bundles.open(file);
    const page = await viewer.dashboards.drill({
      id: `bundle:${info.bundleId}`,
      widgetId: 'network_approval',
      filters: FILTERS,
      value: 'Amex',
      offset: 0,
      limit: 10,
    });
    expect(page.rows).toHaveLength(10);
    expect(page.total).toBeGreaterThan(10);
    expect(page.description).toContain('card_network = Amex');
  });

  it('carries only the silver columns its widgets and drill-down use, and metadata', () => {
    const { info } = verifyBundleFile(file);
    expect(info.title).toBe('Executive Overview');
    expect(info.filters.initial).toEqual(FILTERS);
    expect(info.tables.map((t) => t.name)).toEqual(['payments_enriched_silver']);
    expect(info.tables[0]!.rows).toBeGreaterThan(0);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 100), /truncated/],
    ['a flipped byte', (b: Buffer) => flip(b, b.length >> 1), /checksum does not match/],
    ['a wrong checksum', (b: Buffer) => flip(b, b.length - 1), /checksum does not match/],
    ['not a bundle', () => Buffer.from('PK\u0003\u0004 not a bundle at all, a zip perhaps'), /not a Medallion dashboard bundle/],
    ['empty', () => Buffer.alloc(0), /not a Medallion dashboard bundle/],
    ['extra bytes', (b: Buffer) => Buffer.concat([b, Buffer.from('xx')]), /unexpected bytes/],
  ])('refuses a bundle that is %s with a message saying so', async (name, mutate, message) => {
    const path = variant(`${name}.mdash`, mutate);
    expect(() => verifyBundleFile(path)).toThrow(message);
    await expect(viewer.bundles.open(path)).rejects.toThrow(message);
  });

  it('refuses a bundle from a newer format version even when its checksum is right', async () => {
    const { createHash } = await import('node:crypto');
    const path = variant('newer.mdash', (b) => {
      b.writeUInt32LE(7, 8);
      const body = b.subarray(0, b.length - 32);
      createHash('sha256')
        .update(body)
        .digest()
        .copy(b, b.length - 32);
      return b;
    });
    await expect(viewer.bundles.open(path)).rejects.toThrow(/newer version of Medallion Workbench \(bundle format 7/);
  });

  it('packages as a bundles.create job, one table at a time, and refuses packaging the same dashboard twice at once', async () => {
    const seen: Job[] = [];
    const off = core.events.subscribe((name, payload) => {
      if (name === 'job.progressed' && (payload as Job).kind === 'bundles.create') seen.push(payload as Job);
    });
    const create = (outPath: string) =>
      core.dispatcher.dispatch('bundles.create', { dashboardId: 'executive-overview', filters: FILTERS, outPath });
    const [a, b] = await Promise.all([create(join(core.dir, 'twice-a.mdash')), create(join(core.dir, 'twice-b.mdash'))]);
    off();
    // Whichever got there first packages; the other is refused and writes nothing.
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    const refused = a.ok ? b : a;
    if (!refused.ok)
      expect(refused.error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/is already being packaged; wait for it or cancel it first/),
      });
    expect(existsSync(join(core.dir, a.ok ? 'twice-b.mdash' : 'twice-a.mdash'))).toBe(false);
    expect(new Set(seen.map((j) => j.id)).size).toBe(1);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ key: 'bundles.create:executive-overview', state: 'succeeded' });
    expect(last.progress.total).toBeGreaterThanOrEqual(2);
    expect(last.progress.done).toBe(last.progress.total);
    expect(seen.some((j) => j.state === 'running')).toBe(true);
  });

  it('stops packaging through jobs.cancel and writes no file', async () => {
    const outPath = join(core.dir, 'cancelled.mdash');
    const off = core.events.subscribe((name, payload) => {
      const job = payload as Job;
      if (name === 'job.progressed' && job.kind === 'bundles.create' && job.state === 'running')
        void core.dispatcher.dispatch('jobs.cancel', { id: job.id });
    });
    const r = await core.dispatcher.dispatch('bundles.create', { dashboardId: 'executive-overview', filters: FILTERS, outPath });
    off();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    expect(existsSync(outPath)).toBe(false);
    expect(core.jobs.list('bundles.create').at(-1)?.state).toBe('cancelled');
  });

  it('writes bundles only to .mdash files', async () => {
    await expect(core.bundles.create({ dashboardId: 'executive-overview', outPath: join(core.dir, 'notes.txt') })).rejects.toThrow(
      /must end in \.mdash/,
    );
  });

  it('a missing file says so', async () => {
    await expect(viewer.bundles.open(join(core.dir, 'nope.mdash'))).rejects.toThrow(/There is no file/);
  });
});

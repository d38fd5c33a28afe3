import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBundle, encodeBundle, MAGIC } from '../../../src/core/bundles/format';
import type { BundleManifest } from '../../../src/core/bundles/manifest';
import { type AppError } from '../../../src/shared/errors';
import { fuzzParams, mutate, mutation, typedOutcome, within } from '../../support/fuzz';
import { createMiniSilver } from '../../support/mini-silver';
import { createTestCore } from '../../support/test-core';

/*
 * Byte-flip and truncation fuzzing of dashboard bundles (.mdash). Three layers: the raw file
 * (the outer checksum must catch it), the manifest JSON with the checksum recomputed (zod and
 * the dashboard parser must catch it), and a table's Parquet bytes with every checksum
 * recomputed (DuckDB reads damaged Parquet inside the sandbox). Every case ends in a typed
 * error or a working bundle, within a time limit, and a refused file leaves nothing open.
 * (The API contract has its own fuzz: test/unit/core/api/contract-fuzz.test.ts.)
 */

const FILTERS = { dateFrom: '2026-03-02', dateTo: '2026-03-31', cardNetwork: null, merchantSegment: null, country: null };
const CASE_MS = 15_000;

describe('dashboard bundles under byte damage', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let original: Buffer;
  let caseNo = 0;

  beforeAll(async () => {
    core = await createTestCore();
    await createMiniSilver(core.engine, 300, 40);
    const path = join(core.dir, 'source.mdash');
    await core.bundles.create({ dashboardId: 'daily-trends', filters: FILTERS, outPath: path });
    original = readFileSync(path);
  });
  afterAll(async () => {
    await core.dispose();
  });

  /** Opens `file` as a user would and runs every dataset; returns what happened, or throws on a crash. */
  async function openAndRun(file: Buffer): Promise<{ opened: boolean; error?: AppError }> {
    const path = join(core.dir, `case-${caseNo++}.mdash`);
    writeFileSync(path, file);
    const before = core.bundles.list().length;
    const opened = await typedOutcome(core.bundles.open(path));
    if ('error' in opened) {
      expect(core.bundles.list().length, 'a refused bundle stays closed').toBe(before);
      return { opened: false, error: opened.error };
    }
    try {
      const id = `bundle:${opened.value.bundleId}`;
      for (const dataset of core.dashboards.get(id).definition.datasets) {
        const ran = await typedOutcome(core.dashboards.runDataset(id, dataset.name, FILTERS));
        if ('value' in ran) expect(Array.isArray(ran.value.rows)).toBe(true);
      }
      return { opened: true };
    } finally {
      core.bundles.close(opened.value.bundleId);
    }
  }

  it('refuses every damaged or truncated file with INVALID_FILE (the whole-file checksum)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const damaged = mutate(original, m);
        const outcome = await within(CASE_MS, `opening a bundle damaged by ${JSON.stringify(m)}`, openAndRun(damaged));
        if (damaged.equals(original)) return;
        expect(outcome.opened).toBe(false);
        expect(outcome.error?.code).toBe('INVALID_FILE');
        expect(outcome.error?.message).toMatch(/^This bundle was refused: /);
      }),
      fuzzParams(60),
    );
  });

  it('survives a damaged manifest whose checksum was recomputed: typed error or a working bundle', async () => {
    const seen: Record<string, number> = {};
    const manifestLength = original.readUInt32LE(12);
    const manifest = original.subarray(24, 24 + manifestLength);
    const payload = original.subarray(24 + manifestLength, original.length - 32);
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const damaged = mutate(manifest, m);
        const header = Buffer.alloc(24);
        MAGIC.copy(header, 0);
        header.writeUInt32LE(original.readUInt32LE(8), 8);
        header.writeUInt32LE(damaged.length, 12);
        header.writeBigUInt64LE(BigInt(payload.length), 16);
        const body = Buffer.concat([header, damaged, payload]);
        const file = Buffer.concat([body, createHash('sha256').update(body).digest()]);
        const outcome = await within(CASE_MS, `a manifest damaged by ${JSON.stringify(m)}`, openAndRun(file));
        const key = outcome.opened ? 'opened' : (outcome.error?.code ?? '?');
        seen[key] = (seen[key] ?? 0) + 1;
        if (!outcome.opened) expect(outcome.error?.code).toMatch(/INVALID_FILE|INVALID_INPUT|FORBIDDEN|SQL_ERROR/);
      }),
      fuzzParams(40),
    );
    // The fuzzer must have reached the parsers, not only bounced off one check.
    expect(seen.INVALID_FILE ?? 0, JSON.stringify(seen)).toBeGreaterThan(5);
  });

  it('survives damaged table data whose checksums were all recomputed: typed error or a working bundle', async () => {
    const seen: Record<string, number> = {};
    const decoded = decodeBundle(original);
    const tables = decoded.manifest.tables;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: tables.length - 1 }), mutation, async (which, m) => {
        const t = tables[which]!;
        const data = mutate(decoded.payload.subarray(t.offset, t.offset + t.length), m);
        const parts = tables.map((x, i) => (i === which ? data : decoded.payload.subarray(x.offset, x.offset + x.length)));
        let offset = 0;
        const rebuilt: BundleManifest = {
          ...decoded.manifest,
          tables: tables.map((x, i) => {
            const part = parts[i]!;
            const entry = { ...x, offset, length: part.length, sha256: createHash('sha256').update(part).digest('hex') };
            offset += part.length;
            return entry;
          }),
        };
        const file = encodeBundle(rebuilt, Buffer.concat(parts));
        const outcome = await within(CASE_MS, `table ${t.name} damaged by ${JSON.stringify(m)}`, openAndRun(file));
        const key = outcome.opened ? 'opened' : (outcome.error?.code ?? '?');
        seen[key] = (seen[key] ?? 0) + 1;
        if (!outcome.opened) expect(outcome.error?.code).toBe('INVALID_FILE');
      }),
      fuzzParams(25),
    );
    expect(Object.values(seen).reduce((a, b) => a + b, 0) - (seen.opened ?? 0), JSON.stringify(seen)).toBeGreaterThan(3);
  });
});

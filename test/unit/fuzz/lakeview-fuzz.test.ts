import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLakeview } from '../../../src/core/dashboards/lakeview';
import { Dashboard } from '../../../src/shared/dashboards/definition';
import { parseDashboard } from '../../../src/shared/dashboards/parse';
import { AppError } from '../../../src/shared/errors';
import { fuzzParams } from '../../support/fuzz';

/*
 * Lakeview files with one member replaced by a value of another shape (a string where a list
 * was, null, an empty title …): the import either refuses the file as a whole with INVALID_FILE,
 * or gives a dashboard our own schema accepts, which the store reads back unchanged.
 */

const DIR = join(__dirname, '../../fixtures/lakeview');
const files = readdirSync(DIR).map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as unknown);

/** Every path to a member of `v`. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...at, i], ...paths(x, [...at, i])]);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
  return [];
}

function replaced(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const odd = fc.constantFrom<unknown>(null, '', ' ', 'x y', -1, 0, 1.5, 1e9, true, [], {}, [null], { value: null }, '`', ':p', "'");

describe('Lakeview import on damaged files', () => {
  it('refuses a file as a whole or gives a dashboard our schema accepts', () => {
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.nat(), odd, (f, p, value) => {
        const doc = files[f]!;
        const all = paths(doc);
        const path = all[p % all.length]!;
        let dashboard;
        try {
          dashboard = fromLakeview(replaced(doc, path, value), 'damaged.lvdash.json').dashboard;
        } catch (error) {
          expect(
            error instanceof AppError && error.code === 'INVALID_FILE',
            `${path.join('.')} = ${JSON.stringify(value)}: ${String(error)}`,
          ).toBe(true);
          return;
        }
        const check = Dashboard.safeParse(dashboard);
        expect(check.success, `${path.join('.')} = ${JSON.stringify(value)}: ${check.error?.message.slice(0, 400)}`).toBe(true);
        expect(parseDashboard(JSON.parse(JSON.stringify(dashboard)))).toEqual(dashboard);
      }),
      fuzzParams(250),
    );
  });
});

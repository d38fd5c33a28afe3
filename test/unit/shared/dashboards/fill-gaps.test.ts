import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillGaps, type Cell } from '../../../../src/shared/dashboards/fill-gaps';

const dir = join(__dirname, '..', '..', '..', '..', 'resources', 'dashboards');
const dashboards = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; widgets: { id: string; type: string; layout: Cell }[] });

const cells = (l: Cell) => Array.from({ length: l.w * l.h }, (_, i) => `${l.x + (i % l.w)},${l.y + Math.floor(i / l.w)}`);

describe('no dead space on the dashboards', () => {
  it.each(dashboards.map((d) => [d.id, d] as const))(
    '%s: nothing under a KPI is left empty, no KPI tile is a tall hollow box, nothing overlaps',
    (_id, d) => {
      const filled = fillGaps(
        d.widgets.map((w) => w.layout),
        d.widgets.map((w) => w.type === 'counter'),
      );
      const bottom = Math.max(...filled.map((l) => l.y + l.h));
      const all = filled.flatMap(cells);
      expect(new Set(all).size, 'no two widgets share a cell').toBe(all.length);
      const taken = new Set(all);
      d.widgets.forEach((w, i) => {
        const l = filled[i]!;
        if (w.type !== 'counter') expect([l.x, l.y, l.w], `${w.id} keeps its place`).toEqual([w.layout.x, w.layout.y, w.layout.w]);
        else expect(l.h, `${d.id}: ${w.id} keeps its height`).toBe(w.layout.h);
        if (w.type !== 'counter' || l.y + l.h >= bottom) return;
        for (let x = l.x; x < l.x + l.w; x++) expect(taken.has(`${x},${l.y + l.h}`), `${d.id}: empty cell under ${w.id}`).toBe(true);
      });
      // Tiles still read left to right, top to bottom, in the order the definition lists them.
      const tiles = d.widgets.map((w, i) => ({ w, l: filled[i]! })).filter((t) => t.w.type === 'counter');
      const reading = [...tiles].sort((a, b) => a.l.y - b.l.y || a.l.x - b.l.x).map((t) => t.w.id);
      const defined = [...tiles].sort((a, b) => a.w.layout.y - b.w.layout.y || a.w.layout.x - b.w.layout.x).map((t) => t.w.id);
      expect(reading).toEqual(defined);
    },
  );

  it('four KPI tiles beside a chart twice their height become two rows of two wider tiles', () => {
    const kpis: Cell[] = [0, 1, 2, 3].map((x) => ({ x, y: 0, w: 1, h: 2 }));
    const out = fillGaps([...kpis, { x: 4, y: 0, w: 2, h: 4 }, { x: 0, y: 4, w: 6, h: 4 }], [true, true, true, true, false, false]);
    expect(out.slice(0, 4)).toEqual([
      { x: 0, y: 0, w: 2, h: 2 },
      { x: 2, y: 0, w: 2, h: 2 },
      { x: 0, y: 2, w: 2, h: 2 },
      { x: 2, y: 2, w: 2, h: 2 },
    ]);
    expect(out.slice(4)).toEqual([
      { x: 4, y: 0, w: 2, h: 4 },
      { x: 0, y: 4, w: 6, h: 4 },
    ]);
  });

  it('three tiles share their three columns as evenly as whole columns allow', () => {
    const out = fillGaps(
      [0, 1, 2]
        .map((x) => ({ x, y: 0, w: 1, h: 2 }))
        .concat([
          { x: 3, y: 0, w: 3, h: 4 },
          { x: 0, y: 4, w: 6, h: 2 },
        ]),
      [true, true, true],
    );
    expect(out.slice(0, 3)).toEqual([
      { x: 0, y: 0, w: 1, h: 2 },
      { x: 1, y: 0, w: 2, h: 2 },
      { x: 0, y: 2, w: 3, h: 2 },
    ]);
  });

  it('a full KPI row, or tiles with a widget under them, are left alone; a lone short widget still grows', () => {
    const row: Cell[] = [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 0, w: 1, h: 2 }));
    const chart = { x: 0, y: 2, w: 6, h: 4 };
    expect(fillGaps([...row, chart], [true, true, true, true, true, true])).toEqual([...row, chart]);
    const blocked = fillGaps(
      [
        { x: 0, y: 0, w: 1, h: 2 },
        { x: 1, y: 0, w: 1, h: 2 },
        { x: 2, y: 0, w: 4, h: 4 },
        { x: 0, y: 2, w: 1, h: 2 },
        { x: 0, y: 4, w: 6, h: 2 },
      ],
      [true, true, false, false, false],
    );
    expect(blocked[0]).toEqual({ x: 0, y: 0, w: 1, h: 2 });
    expect(blocked[1]).toEqual({ x: 1, y: 0, w: 1, h: 4 });
  });
});

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
  it.each(dashboards.map((d) => [d.id, d] as const))('%s: nothing under a KPI is left empty, nothing overlaps', (_id, d) => {
    const filled = fillGaps(d.widgets.map((w) => w.layout));
    const bottom = Math.max(...filled.map((l) => l.y + l.h));
    const all = filled.flatMap(cells);
    expect(new Set(all).size, 'no two widgets share a cell').toBe(all.length);
    const taken = new Set(all);
    d.widgets.forEach((w, i) => {
      const l = filled[i]!;
      expect([l.x, l.y, l.w], `${w.id} keeps its place`).toEqual([w.layout.x, w.layout.y, w.layout.w]);
      if (w.type !== 'counter' || l.y + l.h >= bottom) return;
      for (let x = l.x; x < l.x + l.w; x++) expect(taken.has(`${x},${l.y + l.h}`), `${d.id}: empty cell under ${w.id}`).toBe(true);
    });
  });

  it('a KPI row beside a four-row chart grows to the chart’s height; a full row is left alone', () => {
    const kpis: Cell[] = [0, 1, 2, 3].map((x) => ({ x, y: 0, w: 1, h: 2 }));
    const out = fillGaps([...kpis, { x: 4, y: 0, w: 2, h: 4 }, { x: 0, y: 4, w: 6, h: 4 }]);
    expect(out.slice(0, 4).map((l) => l.h)).toEqual([4, 4, 4, 4]);
    expect(out[5]).toEqual({ x: 0, y: 4, w: 6, h: 4 });
  });
});

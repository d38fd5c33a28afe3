/** A widget's place on the 6-column dashboard grid (in grid cells). */
export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Grows widgets down into empty grid cells directly below them, so a KPI row beside a taller chart
 * (or any short widget over a hole) leaves no dead space. A widget grows only while every column it
 * spans is free on the next row and that row is above the dashboard's last; nothing moves or overlaps.
 */
export function fillGaps(layouts: Cell[]): Cell[] {
  const bottom = Math.max(0, ...layouts.map((l) => l.y + l.h));
  const taken = new Set<string>();
  const mark = (l: Cell) => {
    for (let x = l.x; x < l.x + l.w; x++) for (let y = l.y; y < l.y + l.h; y++) taken.add(`${x},${y}`);
  };
  layouts.forEach(mark);
  const out = layouts.map((l) => ({ ...l }));
  const order = out.map((_, i) => i).sort((a, b) => out[b]!.y + out[b]!.h - (out[a]!.y + out[a]!.h) || out[a]!.x - out[b]!.x);
  for (const i of order) {
    const l = out[i]!;
    for (;;) {
      const next = l.y + l.h;
      if (next >= bottom) break;
      let free = true;
      for (let x = l.x; x < l.x + l.w && free; x++) free = !taken.has(`${x},${next}`);
      if (!free) break;
      for (let x = l.x; x < l.x + l.w; x++) taken.add(`${x},${next}`);
      l.h++;
    }
  }
  return out;
}

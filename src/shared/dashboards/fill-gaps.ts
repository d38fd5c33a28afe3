/** A widget's place on the 6-column dashboard grid (in grid cells). */
export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Leaves no dead space on a dashboard. First, a row of KPI tiles beside a chart twice their height
 * becomes two rows of wider tiles (four tiles in four columns: two by two), so a tile is never a tall,
 * hollow box. Then widgets grow down into empty grid cells directly below them (any short widget over
 * a hole). A widget grows only while every column it spans is free on the next row and that row is
 * above the dashboard's last; nothing overlaps. `counters[i]` says whether widget i is a KPI tile.
 */
export function fillGaps(layouts: Cell[], counters: boolean[] = []): Cell[] {
  const bottom = Math.max(0, ...layouts.map((l) => l.y + l.h));
  const out = stackKpiRows(
    layouts.map((l) => ({ ...l })),
    counters,
    bottom,
  );
  const taken = new Set<string>();
  const mark = (l: Cell) => {
    for (let x = l.x; x < l.x + l.w; x++) for (let y = l.y; y < l.y + l.h; y++) taken.add(`${x},${y}`);
  };
  out.forEach(mark);
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

/**
 * A run of side-by-side KPI tiles of one height, with nothing in the rows below them for that height
 * again, is laid out over both rows: the first half of the tiles on top, the rest below, each row's
 * columns shared out as evenly as whole columns allow. Reading order stays left to right, top to bottom.
 */
function stackKpiRows(out: Cell[], counters: boolean[], bottom: number): Cell[] {
  const occupied = (x: number, y: number) => out.some((l) => x >= l.x && x < l.x + l.w && y >= l.y && y < l.y + l.h);
  const runs = new Map<string, number[]>();
  out.forEach((l, i) => {
    if (!counters[i]) return;
    const key = `${l.y},${l.h}`;
    runs.set(key, [...(runs.get(key) ?? []), i]);
  });
  for (const members of runs.values()) {
    members.sort((a, b) => out[a]!.x - out[b]!.x);
    // Split into runs of adjacent tiles.
    const groups: number[][] = [];
    for (const i of members) {
      const last = groups.at(-1);
      const prev = last ? out[last.at(-1)!]! : undefined;
      if (last && prev && prev.x + prev.w === out[i]!.x) last.push(i);
      else groups.push([i]);
    }
    for (const group of groups) {
      if (group.length < 2) continue;
      const first = out[group[0]!]!;
      const { y, h } = first;
      const x0 = first.x;
      const width = group.reduce((n, i) => n + out[i]!.w, 0);
      if (y + 2 * h > bottom) continue;
      let free = true;
      for (let x = x0; x < x0 + width && free; x++) for (let r = y + h; r < y + 2 * h && free; r++) free = !occupied(x, r);
      if (!free) continue;
      const top = Math.ceil(group.length / 2);
      place(out, group.slice(0, top), x0, y, width, h);
      place(out, group.slice(top), x0, y + h, width, h);
    }
  }
  return out;
}

/** Puts tiles side by side in one row, sharing `width` columns as evenly as whole columns allow. */
function place(out: Cell[], tiles: number[], x0: number, y: number, width: number, h: number): void {
  let x = x0;
  tiles.forEach((i, k) => {
    const w = Math.floor((width * (k + 1)) / tiles.length) - Math.floor((width * k) / tiles.length);
    out[i] = { x, y, w, h };
    x += w;
  });
}

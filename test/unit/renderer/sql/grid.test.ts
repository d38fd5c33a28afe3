import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../../src/renderer/features/sql/grid/page-cache';
import {
  MAX_SCROLL_PX,
  isScaled,
  realToVirtual,
  rowsInView,
  spacerHeight,
  virtualToReal,
} from '../../../../src/renderer/features/sql/grid/scroll-math';
import { toTsv } from '../../../../src/renderer/features/sql/grid/cell-format';

describe('scroll math', () => {
  const small = { rowHeight: 24, viewHeight: 480, totalRows: 1000 };
  const huge = { rowHeight: 24, viewHeight: 480, totalRows: 10_000_000 };

  it('is 1:1 when the rows fit the browser height', () => {
    expect(isScaled(small)).toBe(false);
    expect(spacerHeight(small)).toBe(24_000);
    expect(realToVirtual(2400, small)).toBe(2400);
    expect(rowsInView(2400, small)).toEqual({ firstRow: 100, visibleRows: 20 });
  });

  it('scales a 10M-row scrollbar so both ends are reachable exactly', () => {
    expect(isScaled(huge)).toBe(true);
    expect(spacerHeight(huge)).toBe(MAX_SCROLL_PX);
    const end = realToVirtual(MAX_SCROLL_PX - 480, huge);
    const { firstRow, visibleRows } = rowsInView(end, huge);
    expect(firstRow + visibleRows).toBe(10_000_000);
    expect(realToVirtual(0, huge)).toBe(0);
  });

  it('maps virtual positions back to the scrollbar', () => {
    const v = 123_456 * 24;
    expect(realToVirtual(virtualToReal(v, huge), huge)).toBeCloseTo(v, 3);
  });
});

describe('PageCache', () => {
  it('holds at most maxPages, dropping the least recently used', () => {
    const cache = new PageCache(10, 3);
    for (let p = 0; p < 5; p++) cache.put(p, [[p]]);
    expect(cache.size).toBe(3);
    expect(cache.has(0)).toBe(false);
    expect(cache.row(40)).toEqual([4]);
    expect(cache.row(0)).toBeUndefined();
  });

  it('keeps the pages on screen even when over the limit', () => {
    const cache = new PageCache(10, 2);
    cache.put(0, [[0]]);
    cache.put(1, [[1]]);
    cache.put(2, [[2]], new Set([0, 2]));
    expect(cache.has(0)).toBe(true);
    expect(cache.has(1)).toBe(false);
  });

  it('lists the pages a row range still needs', () => {
    const cache = new PageCache(100, 6);
    cache.put(1, []);
    expect(cache.missing(50, 350)).toEqual([0, 2, 3]);
  });
});

describe('copy format', () => {
  it('writes tab-separated rows with a header, NULL as empty, no stray tabs or newlines', () => {
    expect(
      toTsv(
        [[1, null, 'a\tb\nc']],
        [
          { name: 'x', type: 'INTEGER' },
          { name: 'y', type: 'VARCHAR' },
          { name: 'z', type: 'VARCHAR' },
        ],
      ),
    ).toBe('x\ty\tz\n1\t\ta b c');
  });
});

/** Browsers cap an element's height (Chrome ~33M px, Firefox ~17M): stay well below. */
export const MAX_SCROLL_PX = 6_000_000;

export interface Viewport {
  /** Fractional index of the row at the top of the view. */
  firstRow: number;
  /** Rows that fit in the view (rounded up). */
  visibleRows: number;
  /** The spacer height that gives the scrollbar its range. */
  spacerPx: number;
}

/**
 * Maps a scroll position to rows. Up to MAX_SCROLL_PX this is scrollTop / rowHeight; beyond,
 * the scrollbar is scaled so 10M or 100M rows still scroll end to end with exact ends.
 */
export function viewportFor(scrollTop: number, viewHeight: number, rowHeight: number, totalRows: number): Viewport {
  const visibleRows = Math.max(1, Math.ceil(viewHeight / rowHeight));
  const fullPx = totalRows * rowHeight;
  const spacerPx = Math.min(fullPx, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, spacerPx - viewHeight);
  const maxFirst = Math.max(0, totalRows - viewHeight / rowHeight);
  const fraction = maxScroll > 0 ? Math.min(1, Math.max(0, scrollTop / maxScroll)) : 0;
  return { firstRow: fraction * maxFirst, visibleRows, spacerPx };
}

/** The scrollTop that brings `row` to the top of the view (inverse of viewportFor). */
export function scrollTopFor(row: number, viewHeight: number, rowHeight: number, totalRows: number): number {
  const spacerPx = Math.min(totalRows * rowHeight, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, spacerPx - viewHeight);
  const maxFirst = Math.max(0, totalRows - viewHeight / rowHeight);
  return maxFirst > 0 ? (Math.min(row, maxFirst) / maxFirst) * maxScroll : 0;
}

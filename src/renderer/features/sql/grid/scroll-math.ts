/** Browsers cap an element's height (Chrome ~33M px, Firefox ~17M): stay well below. */
export const MAX_SCROLL_PX = 6_000_000;

/**
 * Geometry of a grid whose full height (rows × rowHeight) may exceed what a browser can
 * scroll. Positions are kept in "virtual" pixels over the full height; the real scrollbar
 * covers at most MAX_SCROLL_PX and maps to virtual pixels proportionally, so dragging it
 * reaches any row of 10M or 100M, while the wheel moves virtual pixels 1:1 (smooth).
 */
export interface ScrollGeometry {
  rowHeight: number;
  viewHeight: number;
  totalRows: number;
}

export function spacerHeight(g: ScrollGeometry): number {
  return Math.min(g.totalRows * g.rowHeight, MAX_SCROLL_PX);
}

/** Whether the scrollbar is scaled (the wheel must then be handled by the grid). */
export function isScaled(g: ScrollGeometry): boolean {
  return g.totalRows * g.rowHeight > MAX_SCROLL_PX;
}

export function maxVirtualTop(g: ScrollGeometry): number {
  return Math.max(0, g.totalRows * g.rowHeight - g.viewHeight);
}

function maxRealTop(g: ScrollGeometry): number {
  return Math.max(0, spacerHeight(g) - g.viewHeight);
}

export function clampVirtual(top: number, g: ScrollGeometry): number {
  return Math.min(maxVirtualTop(g), Math.max(0, top));
}

/** The virtual position of a real scrollTop (1:1 when not scaled). */
export function realToVirtual(realTop: number, g: ScrollGeometry): number {
  const real = maxRealTop(g);
  if (real <= 0) return 0;
  return clampVirtual((Math.min(realTop, real) / real) * maxVirtualTop(g), g);
}

/** The real scrollTop that shows a virtual position. */
export function virtualToReal(virtualTop: number, g: ScrollGeometry): number {
  const max = maxVirtualTop(g);
  if (max <= 0) return 0;
  return (clampVirtual(virtualTop, g) / max) * maxRealTop(g);
}

/** Rows to render for a virtual position: the first (fractional) row and how many fit. */
export function rowsInView(virtualTop: number, g: ScrollGeometry): { firstRow: number; visibleRows: number } {
  return { firstRow: clampVirtual(virtualTop, g) / g.rowHeight, visibleRows: Math.max(1, Math.ceil(g.viewHeight / g.rowHeight)) };
}

/**
 * Which data point a click or a key press means. Recharts reports clicks with the tooltip's last
 * index (updated a frame after the pointer moves), so a quick click could filter on the value shown
 * before; these helpers use the pointer's own position, or the keyboard's focus, instead.
 */

/** The index of the point nearest to `x` on a plot `width` wide starting at `left`: points sit on both edges for lines, in bands for bars. */
export function indexAtX(x: number, left: number, width: number, count: number, kind: 'point' | 'band'): number | undefined {
  if (count <= 0 || width <= 0 || x < left - 1 || x > left + width + 1) return undefined;
  const t = (x - left) / width;
  const i = kind === 'point' ? Math.round(t * (count - 1)) : Math.floor(t * count);
  return Math.min(count - 1, Math.max(0, i));
}

/** The next keyboard focus for a key, or undefined when the key is not a navigation key. */
export function nextFocus(key: string, current: number | undefined, count: number): number | undefined {
  if (count === 0) return undefined;
  const at = current ?? -1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, at + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return current === undefined ? count - 1 : Math.max(0, at - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/**
 * A y axis for rates (0–100 %) that shows the differences that matter without turning noise into a crash:
 * when every value sits far above zero the axis is zoomed around them, but never to less than `minSpan`
 * points, and the caller marks the baseline (the average) so a short bar is not read as a small rate.
 */
export interface RateAxis {
  domain: [number, number];
  /** True when the axis does not start at 0 (the chart says so). */
  zoomed: boolean;
  /** The mean of the values, drawn as a reference line on zoomed axes. */
  baseline: number;
  /** Evenly spaced round ticks across the domain. */
  ticks: number[];
}

function ticksFor(lo: number, hi: number): number[] {
  const step = niceStep((hi - lo) / 1.5);
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}

const niceStep = (span: number) => (span <= 5 ? 1 : span <= 12 ? 2 : span <= 30 ? 5 : 10);

export function rateAxis(values: number[], { minSpan = 5, zoomAbove = 20 } = {}): RateAxis | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return undefined;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const baseline = finite.reduce((a, b) => a + b, 0) / finite.length;
  if (min < zoomAbove) {
    const hi = Math.min(100, Math.ceil(max * 1.1) || 1);
    return { domain: [0, hi], zoomed: false, baseline, ticks: ticksFor(0, hi) };
  }
  const span = Math.max(max - min, minSpan);
  const centre = (min + max) / 2;
  const step = niceStep(span * 1.5);
  let lo = Math.floor((centre - span * 0.75) / step) * step;
  let hi = Math.ceil((centre + span * 0.75) / step) * step;
  if (hi > 100) {
    lo -= hi - 100;
    hi = 100;
  }
  lo = Math.max(0, lo);
  return { domain: [lo, hi], zoomed: lo > 0, baseline, ticks: ticksFor(lo, hi) };
}

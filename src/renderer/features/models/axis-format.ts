/** Axis and label text for model inputs: 3 significant digits, thousands grouped, compact past 10,000. */
const short = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** 43.2, 417, 1,230, 25K: never "416.676". */
export function tickText(value: unknown): string {
  if (typeof value === 'number') return Math.abs(value) >= 10_000 ? compact.format(value) : short.format(value);
  return String(value);
}

/** A probability as a whole percentage (12%), or one decimal under 1% and over 99%. */
export function pctText(p: number): string {
  const pct = p * 100;
  return `${pct > 0 && pct < 1 ? pct.toFixed(1) : pct > 99 && pct < 100 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** Whether a positive, skewed range (amounts, seconds) reads better on a log axis. */
export function wantsLog(lo: number, hi: number): boolean {
  return lo > 0 && hi / lo >= 50;
}

/** Round tick values across [lo, hi]: 1-2-5 steps on a linear axis, 1-2-5 per decade on a log axis. */
export function niceTicks(lo: number, hi: number, log: boolean): number[] {
  if (!(hi > lo)) return [lo];
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of [1, 2, 5]) {
        const v = Number((m * 10 ** e).toPrecision(3));
        if (v >= lo && v <= hi) out.push(v);
      }
    return out;
  }
  const raw = (hi - lo) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(6)));
  return out;
}

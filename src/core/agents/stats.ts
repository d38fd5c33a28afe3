/** Small, dependency-free statistics the agents use to tell a real change from noise. */

/** Standard normal cumulative distribution (Zelen & Severo 26.2.17, error < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

export interface ProportionTest {
  p1: number;
  p2: number;
  /** p1 − p2. */
  diff: number;
  z: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Two-proportion z-test with a pooled standard error: is x1/n1 different from x2/n2?
 * Returns null when either sample is empty or the pooled rate is 0 or 1 (no variance).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): ProportionTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  const z = (p1 - p2) / se;
  return { p1, p2, diff: p1 - p2, z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** Significance after a Bonferroni correction for `tests` comparisons made in one scan. */
export function isSignificant(pValue: number, tests: number, alpha = 0.01): boolean {
  return pValue < alpha / Math.max(1, tests);
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation scaled to a normal's standard deviation (×1.4826). */
export function mad(values: number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

/** How many robust standard deviations `value` sits above the typical value of `baseline`. */
export function robustZ(value: number, baseline: number[]): number {
  const m = median(baseline);
  const spread = Math.max(mad(baseline), Math.abs(m) * 0.02, 1e-9);
  return (value - m) / spread;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/**
 * P(X ≥ x) for X ~ Binomial(n, p), summed exactly in log space. For rare events in small
 * buckets (fraud in a quarter-hour) where the normal approximation of a z-test overstates
 * significance.
 */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lnN = logFactorial(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let lnFact = logFactorial(x);
  let lnFactRest = logFactorial(n - x);
  let sum = 0;
  for (let k = x; k <= n; k++) {
    sum += Math.exp(lnN - lnFact - lnFactRest + k * lp + (n - k) * lq);
    lnFact += Math.log(k + 1);
    lnFactRest -= Math.log(Math.max(1, n - k));
  }
  return Math.min(1, sum);
}

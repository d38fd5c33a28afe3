import { describe, expect, it } from 'vitest';
import { binomialUpperTail, isSignificant, mad, median, normalCdf, robustZ, twoProportionZ } from '../../../../src/core/agents/stats';

describe('statistics helpers', () => {
  it('normalCdf matches the standard normal table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-2.576)).toBeCloseTo(0.005, 4);
  });

  it('two-proportion z-test: a textbook case', () => {
    // 45/100 against 30/100: pooled 0.375, z ≈ 2.19, p ≈ 0.028.
    const t = twoProportionZ(45, 100, 30, 100)!;
    expect(t.diff).toBeCloseTo(0.15, 10);
    expect(t.z).toBeCloseTo(2.191, 3);
    expect(t.pValue).toBeCloseTo(0.0285, 3);
  });

  it('two-proportion z-test: no answer without samples or variance', () => {
    expect(twoProportionZ(0, 0, 5, 10)).toBeNull();
    expect(twoProportionZ(10, 10, 20, 20)).toBeNull();
  });

  it('Bonferroni: the same p-value stops counting when many cells were tested', () => {
    expect(isSignificant(0.001, 1)).toBe(true);
    expect(isSignificant(0.001, 100)).toBe(false);
  });

  it('median, MAD and robust z ignore one wild value', () => {
    const values = [100, 102, 98, 101, 99, 100, 1000];
    expect(median(values)).toBe(100);
    expect(mad(values)).toBeCloseTo(1.4826, 4);
    expect(robustZ(1000, values)).toBeGreaterThan(100);
    expect(Math.abs(robustZ(101, values))).toBeLessThan(1);
  });
});

describe('binomial upper tail', () => {
  it('matches hand-computed tails', () => {
    // P(X ≥ 1) = 1 − 0.9^10; P(X ≥ 2) for n = 22, p = 0.0096.
    expect(binomialUpperTail(1, 10, 0.1)).toBeCloseTo(1 - 0.9 ** 10, 10);
    expect(binomialUpperTail(2, 22, 0.0096)).toBeCloseTo(1 - 0.9904 ** 22 - 22 * 0.0096 * 0.9904 ** 21, 10);
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0);
  });

  it('is far stricter than a z-test for two rare events in a small bucket', () => {
    const z = twoProportionZ(2, 22, 96, 10_000)!;
    expect(z.pValue).toBeLessThan(0.001);
    expect(binomialUpperTail(2, 22, 0.0096)).toBeGreaterThan(0.01);
  });
});

import { describe, expect, it } from 'vitest';
import { categoryColor, SEMANTIC, seriesColor } from '../../../../src/shared/dashboards/palette';
import { rateAxis } from '../../../../src/shared/dashboards/rate-axis';

describe('category colours', () => {
  it('risk is semantic: HIGH red, MEDIUM amber, LOW green, whatever order the rows come in', () => {
    expect(categoryColor('HIGH')).toBe(SEMANTIC.bad);
    expect(categoryColor('MEDIUM')).toBe(SEMANTIC.caution);
    expect(categoryColor('LOW')).toBe(SEMANTIC.good);
    expect(categoryColor('CRITICAL')).not.toBe(categoryColor('LOW'));
  });

  it('a value keeps its colour when a filter removes other values', () => {
    const all = ['Visa', 'Mastercard', 'Amex', 'Elo', 'Discover'].map(categoryColor);
    const filtered = ['Elo', 'Discover'].map(categoryColor);
    expect(filtered).toEqual(all.slice(3));
    expect(new Set(all).size).toBe(5);
  });

  it('unknown values get a stable colour from their text, and processors colour their series everywhere', () => {
    expect(categoryColor('Acme Travel Co')).toBe(categoryColor('Acme Travel Co'));
    expect(seriesColor('ProcessorB', 0)).toBe(categoryColor('ProcessorB'));
    expect(seriesColor('Fraud rate', 1)).not.toBe(seriesColor('Approval rate', 0));
  });
});

describe('rate axis', () => {
  it('zooms approval rates so a 1–2 point gap is visible, and marks the baseline', () => {
    const axis = rateAxis([86.1, 87.4, 88.0, 84.9, 87.9])!;
    expect(axis.zoomed).toBe(true);
    expect(axis.domain[0]).toBeGreaterThan(70);
    expect(axis.domain[1]).toBeLessThanOrEqual(100);
    expect(axis.domain[0]).toBeLessThan(84.9);
    expect(axis.domain[1]).toBeGreaterThan(88.0);
    expect(axis.baseline).toBeCloseTo(86.86, 2);
    // Round, evenly spaced ticks (no "416.676").
    const steps = axis.ticks.slice(1).map((t, i) => t - axis.ticks[i]!);
    expect(new Set(steps).size).toBe(1);
    expect(axis.ticks.every((t) => Number.isInteger(t))).toBe(true);
  });

  it('does not turn 0.16 points of noise into a crash: the span is at least five points', () => {
    const [lo, hi] = rateAxis([88.88, 89.04, 88.95])!.domain;
    expect(hi - lo).toBeGreaterThanOrEqual(5);
  });

  it('small rates such as fraud keep a zero-based axis; nothing to draw gives no axis', () => {
    expect(rateAxis([0.4, 1.2, 3.5])).toMatchObject({ domain: [0, 4], zoomed: false });
    expect(rateAxis([])).toBeUndefined();
  });

  it('rates next to 100% stay under 100', () => {
    const [lo, hi] = rateAxis([99.2, 99.8, 100])!.domain;
    expect(hi).toBe(100);
    expect(lo).toBeLessThan(99.2);
  });
});

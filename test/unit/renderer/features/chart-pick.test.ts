import { describe, expect, it } from 'vitest';
import { indexAtX, nextFocus } from '../../../../src/renderer/features/dashboards/chart-pick';

describe('the point under the pointer', () => {
  it('lines: points on both edges, nearest wins', () => {
    // 5 days across 400 px from x=50: points at 50, 150, 250, 350, 450.
    expect(indexAtX(52, 50, 400, 5, 'point')).toBe(0);
    expect(indexAtX(199, 50, 400, 5, 'point')).toBe(1);
    expect(indexAtX(201, 50, 400, 5, 'point')).toBe(2);
    expect(indexAtX(450, 50, 400, 5, 'point')).toBe(4);
  });

  it('bars: bands of equal width; outside the plot is no point', () => {
    expect(indexAtX(60, 50, 500, 5, 'band')).toBe(0);
    expect(indexAtX(549, 50, 500, 5, 'band')).toBe(4);
    expect(indexAtX(20, 50, 500, 5, 'band')).toBeUndefined();
    expect(indexAtX(100, 50, 500, 0, 'band')).toBeUndefined();
  });
});

describe('keyboard focus', () => {
  it('arrows move within the data, Home and End jump, other keys do nothing', () => {
    expect(nextFocus('ArrowRight', undefined, 5)).toBe(0);
    expect(nextFocus('ArrowLeft', undefined, 5)).toBe(4);
    expect(nextFocus('ArrowDown', 4, 5)).toBe(4);
    expect(nextFocus('ArrowUp', 0, 5)).toBe(0);
    expect(nextFocus('End', 1, 5)).toBe(4);
    expect(nextFocus('Home', 3, 5)).toBe(0);
    expect(nextFocus('a', 1, 5)).toBeUndefined();
  });
});

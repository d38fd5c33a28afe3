import { describe, expect, it } from 'vitest';
import { describeChange, formatAxisDate, formatValue } from '../../../../src/shared/dashboards/format';

describe('widget value formatting', () => {
  it.each([
    [1234567, 'integer', {}, '1,234,567'],
    [1234567, 'integer', { compact: true }, '1.2M'],
    ['5369083.12', 'currency', {}, '$5,369,083.12'],
    [5369083.12, 'currency', { compact: true }, '$5.4M'],
    [87.344, 'percent', {}, '87.34%'],
    [-1.5, 'pp', {}, '-1.5 pp'],
    [375.66, 'ms', {}, '375.66 ms'],
    [null, 'integer', {}, '—'],
    ['2026-01-22 14:07:00', 'date', {}, '2026-01-22 14:07'],
  ] as const)('%s as %s %o → %s', (value, format, options, expected) => {
    expect(formatValue(value, format, options)).toBe(expected);
  });

  it('labels date axes briefly', () => {
    expect(formatAxisDate('2026-01-22')).toBe('01-22');
    expect(formatAxisDate('2026-01-22 14:07:00')).toBe('14:07');
  });
});

describe('counter change against the previous period', () => {
  it('uses percentage points for rates and percent for amounts, coloured by which way is better', () => {
    expect(describeChange(87.5, 88.25, 'percent')).toEqual({ text: '−0.75 pp', direction: 'down', good: false });
    expect(describeChange(110, 100, 'integer')).toEqual({ text: '+10%', direction: 'up', good: true });
    expect(describeChange(1.4, 1.2, 'percent', false)).toMatchObject({ direction: 'up', good: false });
    expect(describeChange(5, 0, 'integer')).toMatchObject({ text: 'new' });
    expect(describeChange(5, 5, 'integer')).toMatchObject({ direction: 'flat', good: undefined });
    expect(describeChange(5, null, 'integer')).toBeUndefined();
  });
});

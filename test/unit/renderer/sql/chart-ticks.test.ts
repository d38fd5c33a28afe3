import { describe, expect, it } from 'vitest';
import { xTickFormat } from '../../../../src/renderer/features/sql/chart/chart-ticks';

describe('SQL chart x-axis ticks', () => {
  it('prints a daily series at midnight as dates, in each way a timestamp arrives', () => {
    for (const days of [
      ['2026-11-17 00:00:00', '2026-11-18 00:00:00', null],
      ['2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z'],
      ['2026-11-17 00:00:00+01:00', '2026-11-18 00:00'],
      ['2026-11-17', '2026-11-18'],
    ]) {
      const format = xTickFormat(days);
      expect(format, String(days)).toBeDefined();
      expect(days.filter((d) => d !== null).map((d) => format!(d))).toEqual(['2026-11-17', '2026-11-18']);
    }
  });

  it('keeps the time when one value is not at midnight, and leaves categories and numbers alone', () => {
    expect(xTickFormat(['2026-11-17 00:00:00', '2026-11-17 01:00:00'])).toBeUndefined();
    expect(xTickFormat(['2026-11-17 00:00:00.5'])).toBeUndefined();
    expect(xTickFormat(['Visa', 'Mastercard'])).toBeUndefined();
    expect(xTickFormat([20261117, 20261118])).toBeUndefined();
    expect(xTickFormat([null])).toBeUndefined();
  });
});

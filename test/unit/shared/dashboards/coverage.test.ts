import { describe, expect, it } from 'vitest';
import { isEmptyData, previousPeriodGap } from '../../../../src/shared/dashboards/coverage';
import type { Filters } from '../../../../src/shared/dashboards/filters';

const last30: Filters = { dateFrom: '2026-11-08', dateTo: '2026-12-07', cardNetwork: null, merchantSegment: null, country: null };

describe('previous-period coverage of counter deltas', () => {
  it('a 30-day backfill viewed over 30 days has no complete previous period', () => {
    // The backfill began mid-day 30 days before the newest event; the previous period began 59 days before.
    const gap = previousPeriodGap(last30, { minDate: '2026-11-07' })?.reason;
    expect(gap?.length).toBeGreaterThan(0);
    expect(gap).toMatch(/incomplete: the data starts on 2026-11-07/);
    expect(gap).toContain('2026-10-09 – 2026-11-07');
  });

  it('data that starts after the previous period ended says so', () => {
    expect(previousPeriodGap(last30, { minDate: '2026-11-20' })?.label).toBe('no previous period');
    expect(previousPeriodGap(last30, { minDate: '2026-11-20' })?.reason).toMatch(/starts on 2026-11-20, after the previous period/);
  });

  it('a previous period fully covered by data compares normally', () => {
    expect(previousPeriodGap(last30, { minDate: '2026-10-09' })).toBeNull();
    expect(previousPeriodGap(last30, { minDate: '2026-01-01' })).toBeNull();
  });

  it('no data at all: nothing to compare, and the database reads as empty', () => {
    expect(previousPeriodGap(last30, { minDate: null })?.reason).toMatch(/no data/);
    expect(isEmptyData({ minDate: null, maxDate: null })).toBe(true);
    expect(isEmptyData({ minDate: '2026-11-07', maxDate: '2026-12-07' })).toBe(false);
    expect(isEmptyData(undefined)).toBe(false);
  });
});

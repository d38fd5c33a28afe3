import { describe, expect, it } from 'vitest';
import { lastDayIsPartial, newestTimeOfDay } from '../../../../src/shared/dashboards/partial-period';

describe('today drawn as partial', () => {
  it('the newest day is partial until its last minute', () => {
    expect(lastDayIsPartial('2026-12-07', '2026-12-07 09:41:12.123')).toBe(true);
    expect(lastDayIsPartial('2026-12-07T00:00:00', '2026-12-07T09:41:12Z')).toBe(true);
    expect(newestTimeOfDay('2026-12-07 09:41:12.123')).toBe('09:41');
  });

  it('a finished day, an older day, an hourly grain or no timestamp are not partial', () => {
    expect(lastDayIsPartial('2026-12-07', '2026-12-07 23:59:59')).toBe(false);
    expect(lastDayIsPartial('2026-12-06', '2026-12-07 09:41:12')).toBe(false);
    expect(lastDayIsPartial('2026-12-07 09:00', '2026-12-07 09:41:12')).toBe(false);
    expect(lastDayIsPartial('2026-12-07', null)).toBe(false);
  });
});

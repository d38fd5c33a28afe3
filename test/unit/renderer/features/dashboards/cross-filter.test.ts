import { describe, expect, it } from 'vitest';
import type { Filters } from '../../../../../src/shared/dashboards/filters';
import { crossFiltered } from '../../../../../src/renderer/features/dashboards/cross-filter';

const base: Filters = {
  dateFrom: '2026-11-01',
  dateTo: '2026-11-30',
  cardNetwork: null,
  merchantSegment: 'Retail',
  country: null,
  parameters: {},
} as Filters;

describe('crossFiltered (a click on a chart mark)', () => {
  it('a category sets its own filter and keeps the others', () => {
    expect(crossFiltered(base, 'card_network', 'Elo')).toEqual({ filters: { ...base, cardNetwork: 'Elo' }, custom: false });
    expect(crossFiltered(base, 'country', 'BR').filters).toMatchObject({ country: 'BR', merchantSegment: 'Retail', cardNetwork: null });
  });

  it('the same value again clears it (a toggle), another value replaces it', () => {
    expect(crossFiltered(base, 'merchant_segment', 'Retail').filters.merchantSegment).toBeNull();
    expect(crossFiltered(base, 'merchant_segment', 'Travel').filters.merchantSegment).toBe('Travel');
  });

  it('a date narrows the range to that day, whatever its time, as a custom range', () => {
    expect(crossFiltered(base, 'date', '2026-11-12T14:00:00.000Z')).toEqual({
      filters: { ...base, dateFrom: '2026-11-12', dateTo: '2026-11-12' },
      custom: true,
    });
  });

  it('a number is compared as text, and the input is left as it was', () => {
    const before = structuredClone(base);
    expect(crossFiltered(base, 'country', 76).filters.country).toBe('76');
    expect(base).toEqual(before);
  });
});

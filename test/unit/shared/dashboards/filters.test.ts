import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../src/shared/dashboards/csv';
import {
  defaultFilters,
  filterParams,
  inlineParams,
  pickParams,
  presetRange,
  unfilteredBy,
} from '../../../../src/shared/dashboards/filters';

describe('global filters', () => {
  it('anchors presets at the newest event date, not the clock', () => {
    expect(presetRange('last_7_days', { minDate: '2026-01-01', maxDate: '2026-03-10' })).toEqual({
      dateFrom: '2026-03-04',
      dateTo: '2026-03-10',
    });
    expect(presetRange('all', { minDate: '2026-01-01', maxDate: '2026-03-10' })).toEqual({ dateFrom: '2026-01-01', dateTo: '2026-03-10' });
  });

  it('gives the previous period the same length, just before', () => {
    const p = filterParams({ ...defaultFilters('last_30_days', { minDate: null, maxDate: '2026-03-31' }), cardNetwork: 'Visa' });
    expect(p).toMatchObject({
      date_from: '2026-03-02',
      date_to: '2026-03-31',
      prev_from: '2026-01-31',
      prev_to: '2026-03-01',
      card_network: 'Visa',
      country: null,
    });
  });

  it('passes only the parameters a statement uses and ignores $ inside strings and comments', () => {
    const sql = "SELECT '$country' AS t -- $merchant_segment\nFROM x WHERE d >= $date_from AND n = $card_network";
    expect(pickParams(sql, { date_from: 'a', card_network: null, country: 'BR', merchant_segment: null })).toEqual({
      date_from: 'a',
      card_network: null,
    });
    expect(() => pickParams('SELECT $nope', { date_from: 'a' })).toThrow(/\$nope/);
  });

  it('writes parameters in as safe literals for the SQL editor', () => {
    expect(
      inlineParams('WHERE d >= $date_from AND n = $card_network AND c = $country', {
        date_from: '2026-01-01',
        card_network: "O'Brien",
        country: null,
      }),
    ).toBe("WHERE d >= DATE '2026-01-01' AND n = 'O''Brien' AND c = NULL");
  });

  it('says which filters a dataset ignores', () => {
    expect(unfilteredBy('SELECT * FROM v_active_alerts')).toEqual(['date range', 'card network', 'merchant segment', 'country']);
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and newlines and leaves nulls empty', () => {
    const csv = toCsv({
      columns: [
        { name: 'a', type: 'VARCHAR' },
        { name: 'b', type: 'INTEGER' },
      ],
      rows: [
        ['x,"y"', null],
        ['line\nbreak', 3],
      ],
    });
    expect(csv).toBe('a,b\r\n"x,""y""",\r\n"line\nbreak",3\r\n');
  });
});

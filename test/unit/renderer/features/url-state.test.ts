import { describe, expect, it } from 'vitest';
import type { Filters } from '../../../../src/shared/dashboards/filters';
import { queryToView, splitHashQuery, viewToQuery } from '../../../../src/renderer/features/dashboards/url-state';
import { parseHash } from '../../../../src/renderer/stores/route-parse';

const base: Filters = { dateFrom: '2026-11-08', dateTo: '2026-12-07', cardNetwork: null, merchantSegment: null, country: null };

describe('dashboard view in the URL', () => {
  it('the default view has an empty query; filters and a custom range round-trip', () => {
    expect(viewToQuery('last_30_days', base, 'last_30_days')).toBe('');
    const query = viewToQuery(
      'custom',
      { ...base, dateFrom: '2026-12-01', dateTo: '2026-12-01', cardNetwork: 'Elo', merchantSegment: 'Food Delivery' },
      'last_30_days',
    );
    expect(queryToView(query)).toEqual({
      range: 'custom',
      dateFrom: '2026-12-01',
      dateTo: '2026-12-01',
      cardNetwork: 'Elo',
      merchantSegment: 'Food Delivery',
    });
    expect(queryToView(viewToQuery('last_7_days', { ...base, country: 'BR' }, 'last_30_days'))).toEqual({
      range: 'last_7_days',
      country: 'BR',
    });
  });

  it('ignores what it does not know: other keys, bad ranges, malformed dates', () => {
    expect(queryToView('range=last_9_years&evil=1')).toEqual({});
    expect(queryToView('range=custom&from=2026-13&to=x')).toEqual({});
    expect(queryToView('range=custom&from=2026-12-05&to=2026-12-01')).toEqual({});
  });

  it('the route ignores the query, so a bookmarked view opens the same dashboard', () => {
    expect(splitHashQuery('#/dashboards/executive-overview?network=Visa')).toEqual({
      path: '#/dashboards/executive-overview',
      query: 'network=Visa',
    });
    expect(parseHash('#/dashboards/executive-overview?network=Visa')).toEqual({ page: 'dashboards', rest: ['executive-overview'] });
  });
});

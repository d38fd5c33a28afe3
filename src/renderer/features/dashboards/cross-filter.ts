import type { CrossFilterDimension } from '../../../shared/dashboards/definition';
import type { Filters } from '../../../shared/dashboards/filters';

type CategoryKey = 'cardNetwork' | 'merchantSegment' | 'country';

const KEY: Record<Exclude<CrossFilterDimension, 'date'>, CategoryKey> = {
  card_network: 'cardNetwork',
  merchant_segment: 'merchantSegment',
  country: 'country',
};

/**
 * The filters after a click (or Enter) on a chart mark: a date narrows the range to that day (a custom range);
 * a category sets its filter, and the same value again clears it. Pure: (filters, click) → filters.
 */
export function crossFiltered(
  filters: Filters,
  dimension: CrossFilterDimension,
  value: string | number,
): { filters: Filters; custom: boolean } {
  const text = String(value);
  if (dimension === 'date') {
    const day = text.slice(0, 10);
    return { filters: { ...filters, dateFrom: day, dateTo: day }, custom: true };
  }
  const key = KEY[dimension];
  return { filters: { ...filters, [key]: filters[key] === text ? null : text }, custom: false };
}

import { filterParams, type FilterOptions, type Filters } from './filters';

/**
 * Why a counter's "previous period" cannot be compared, or null when it can. The previous period
 * is the same length just before the selected range; when the data starts after it began, a
 * percentage change against it would compare a full period with a fraction of one.
 */
export interface PeriodGap {
  /** A few words shown beside "n/a". */
  label: string;
  /** The full reason, with dates. */
  reason: string;
}

export function previousPeriodGap(filters: Filters, options: Pick<FilterOptions, 'minDate'>): PeriodGap | null {
  const { prev_from: prevFrom, prev_to: prevTo } = filterParams(filters);
  if (!prevFrom || !prevTo) return null;
  if (options.minDate === null) return { label: 'no data to compare', reason: 'There is no data to compare with.' };
  if (options.minDate > prevTo)
    return {
      label: 'no previous period',
      reason: `The data starts on ${options.minDate}, after the previous period (${prevFrom} – ${prevTo}).`,
    };
  if (options.minDate > prevFrom)
    return {
      label: 'prev. period partial',
      reason: `The previous period (${prevFrom} – ${prevTo}) is incomplete: the data starts on ${options.minDate}.`,
    };
  return null;
}

/** True when the local database holds no payments yet (its filter choices have no dates). */
export function isEmptyData(options: Pick<FilterOptions, 'minDate' | 'maxDate'> | undefined): boolean {
  return !!options && options.minDate === null && options.maxDate === null;
}

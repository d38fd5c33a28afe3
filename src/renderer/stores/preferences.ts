import { DateRangePreset } from '../../shared/dashboards/definition';

const RANGE_KEY = 'medallion.defaultRange';

/** The time range the user wants dashboards to open with; null = each dashboard's own default. */
export function preferredRange(): DateRangePreset | null {
  const saved = localStorage.getItem(RANGE_KEY);
  return saved && DateRangePreset.safeParse(saved).success ? (saved as DateRangePreset) : null;
}

export function setPreferredRange(range: DateRangePreset | null): void {
  if (range) localStorage.setItem(RANGE_KEY, range);
  else localStorage.removeItem(RANGE_KEY);
}

/** The range a dashboard opens with: the user's preference, else the dashboard's own (bundles keep their snapshot's). */
export function openingRange(own: DateRangePreset, bundle: boolean): DateRangePreset {
  return bundle ? own : (preferredRange() ?? own);
}

import { daysBetween, type FilterOptions, type Filters } from '../../../shared/dashboards/filters';
import type { RangeChoice } from './dashboards-store';

const RANGE_LABELS: Record<RangeChoice, string> = {
  last_1_day: 'Last day',
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  all: 'All data',
  custom: 'Custom',
};

interface Props {
  filters: Filters;
  options: FilterOptions;
  range: RangeChoice;
  onRange(range: RangeChoice, custom?: { dateFrom: string; dateTo: string }): void;
  onFilter(key: 'cardNetwork' | 'merchantSegment' | 'country', value: string | null): void;
  onClear(): void;
  /** An opened bundle's dates: only ranges that fit in it are offered, and "All data" names the snapshot. */
  snapshot?: { dateFrom: string; dateTo: string; fixed: boolean };
}

const PRESET_DAYS: Partial<Record<RangeChoice, number>> = { last_1_day: 1, last_7_days: 7, last_30_days: 30, last_90_days: 90 };

/** The range choices to offer: all of them, or for a bundle those no longer than its snapshot. */
export function rangeChoices(snapshot?: { dateFrom: string; dateTo: string }): { value: RangeChoice; label: string }[] {
  const all = Object.keys(RANGE_LABELS) as RangeChoice[];
  if (!snapshot) return all.map((value) => ({ value, label: RANGE_LABELS[value] }));
  const span = daysBetween(snapshot.dateFrom, snapshot.dateTo) + 1;
  return all
    .filter((r) => (PRESET_DAYS[r] ?? 0) < span)
    .map((value) => ({ value, label: value === 'all' ? `Whole snapshot (${span} ${span === 1 ? 'day' : 'days'})` : RANGE_LABELS[value] }));
}

function Select({
  label,
  testId,
  value,
  values,
  onChange,
  disabled,
}: {
  label: string;
  testId: string;
  value: string | null;
  values: string[];
  onChange(v: string | null): void;
  disabled?: boolean;
}) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select data-testid={testId} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All</option>
        {value && !values.includes(value) && <option value={value}>{value}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The four global filters every dashboard has: date range, card network, merchant segment, country. */
export function FilterBar({ filters, options, range, onRange, onFilter, onClear, snapshot }: Props) {
  const bounds = { min: options.minDate ?? undefined, max: options.maxDate ?? undefined };
  const fixed = snapshot?.fixed ?? false;
  return (
    <div className="filter-bar" data-testid="filter-bar">
      <label className="filter">
        <span>Dates</span>
        <select data-testid="filter-range" value={range} disabled={fixed} onChange={(e) => onRange(e.target.value as RangeChoice)}>
          {rangeChoices(snapshot).map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <input
        type="date"
        aria-label="From"
        data-testid="filter-from"
        disabled={fixed}
        {...bounds}
        value={filters.dateFrom}
        onChange={(e) => e.target.value && onRange('custom', { dateFrom: e.target.value, dateTo: filters.dateTo })}
      />
      <span className="muted">to</span>
      <input
        type="date"
        aria-label="To"
        data-testid="filter-to"
        disabled={fixed}
        {...bounds}
        value={filters.dateTo}
        onChange={(e) => e.target.value && onRange('custom', { dateFrom: filters.dateFrom, dateTo: e.target.value })}
      />
      <Select
        label="Card network"
        testId="filter-card-network"
        disabled={fixed}
        value={filters.cardNetwork}
        values={options.cardNetworks}
        onChange={(v) => onFilter('cardNetwork', v)}
      />
      <Select
        label="Segment"
        testId="filter-segment"
        disabled={fixed}
        value={filters.merchantSegment}
        values={options.merchantSegments}
        onChange={(v) => onFilter('merchantSegment', v)}
      />
      <Select
        label="Country"
        testId="filter-country"
        disabled={fixed}
        value={filters.country}
        values={options.countries}
        onChange={(v) => onFilter('country', v)}
      />
      {fixed ? (
        <span className="muted" data-testid="filter-fixed">
          Aggregates only: filters fixed when packaged
        </span>
      ) : (
        <button className="link-button" onClick={onClear} data-testid="filter-clear">
          Reset
        </button>
      )}
    </div>
  );
}

/** The active filters in one line (PDF header, bundle metadata). */
export function describeFilters(f: Filters): string {
  const parts = [`${f.dateFrom} to ${f.dateTo}`];
  parts.push(`card network: ${f.cardNetwork ?? 'all'}`, `segment: ${f.merchantSegment ?? 'all'}`, `country: ${f.country ?? 'all'}`);
  return parts.join(' · ');
}

import type { FilterOptions, Filters } from '../../../shared/dashboards/filters';
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
}

function Select({
  label,
  testId,
  value,
  values,
  onChange,
}: {
  label: string;
  testId: string;
  value: string | null;
  values: string[];
  onChange(v: string | null): void;
}) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
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
export function FilterBar({ filters, options, range, onRange, onFilter, onClear }: Props) {
  const bounds = { min: options.minDate ?? undefined, max: options.maxDate ?? undefined };
  return (
    <div className="filter-bar" data-testid="filter-bar">
      <label className="filter">
        <span>Dates</span>
        <select data-testid="filter-range" value={range} onChange={(e) => onRange(e.target.value as RangeChoice)}>
          {(Object.keys(RANGE_LABELS) as RangeChoice[]).map((r) => (
            <option key={r} value={r}>
              {RANGE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <input
        type="date"
        aria-label="From"
        data-testid="filter-from"
        {...bounds}
        value={filters.dateFrom}
        onChange={(e) => e.target.value && onRange('custom', { dateFrom: e.target.value, dateTo: filters.dateTo })}
      />
      <span className="muted">to</span>
      <input
        type="date"
        aria-label="To"
        data-testid="filter-to"
        {...bounds}
        value={filters.dateTo}
        onChange={(e) => e.target.value && onRange('custom', { dateFrom: filters.dateFrom, dateTo: e.target.value })}
      />
      <Select
        label="Card network"
        testId="filter-card-network"
        value={filters.cardNetwork}
        values={options.cardNetworks}
        onChange={(v) => onFilter('cardNetwork', v)}
      />
      <Select
        label="Segment"
        testId="filter-segment"
        value={filters.merchantSegment}
        values={options.merchantSegments}
        onChange={(v) => onFilter('merchantSegment', v)}
      />
      <Select
        label="Country"
        testId="filter-country"
        value={filters.country}
        values={options.countries}
        onChange={(v) => onFilter('country', v)}
      />
      <button className="link-button" onClick={onClear} data-testid="filter-clear">
        Reset
      </button>
    </div>
  );
}

/** The active filters in one line (PDF header, bundle metadata). */
export function describeFilters(f: Filters): string {
  const parts = [`${f.dateFrom} to ${f.dateTo}`];
  parts.push(`card network: ${f.cardNetwork ?? 'all'}`, `segment: ${f.merchantSegment ?? 'all'}`, `country: ${f.country ?? 'all'}`);
  return parts.join(' · ');
}

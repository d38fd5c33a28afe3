import type { Filters } from '../../../shared/dashboards/filters';
import { formatDateish } from '../../../shared/dashboards/format';
import { describeFilters } from './FilterBar';

/** What every export carries so it still makes sense away from the app: what, which filters, data as of when, from where. */
export interface ExportContext {
  title: string;
  filters: string;
  dataTime: string;
  source: string;
  generated: string;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function exportContext(input: {
  title: string;
  filters: Filters;
  newestEvent: string | null | undefined;
  maxDate: string | null;
  snapshot?: { dateFrom: string; dateTo: string; created: string };
  warehouse: string | null;
  databasePath?: string;
  now?: Date;
}): ExportContext {
  const newest = input.newestEvent ? formatDateish(input.newestEvent) : input.maxDate;
  const source = input.snapshot
    ? `Packaged snapshot of ${input.snapshot.dateFrom} to ${input.snapshot.dateTo} (packaged ${input.snapshot.created.slice(0, 10)})`
    : input.warehouse
      ? `Databricks SQL warehouse · ${input.warehouse}`
      : `Local DuckDB${input.databasePath ? ` · ${baseName(input.databasePath)}` : ''}`;
  return {
    title: input.title,
    filters: describeFilters(input.filters),
    dataTime: newest ? `Data to ${newest}` : 'No data yet',
    source: `Source: ${source}`,
    generated: `Exported ${(input.now ?? new Date()).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
}

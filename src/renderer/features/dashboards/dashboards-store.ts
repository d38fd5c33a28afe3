import { create, type StoreApi } from 'zustand';
import type { DashboardSummary, DrillResult, LoadedDashboard, MethodOutput, WarehouseProfile } from '../../../shared/api';
import type { CrossFilterDimension, DateRangePreset } from '../../../shared/dashboards/definition';
import { defaultFilters, presetRange, type FilterOptions, type Filters } from '../../../shared/dashboards/filters';
import { api } from '../../api/client';
import { crossFiltered } from './cross-filter';
import { markedLoading, type DatasetState } from './dataset-states';
import { rememberedTarget, rememberTarget } from './target-memory';
import { openingRange } from '../../stores/preferences';
import { queryToView, splitHashQuery, type ViewState } from './url-state';

export type { DatasetState };

export type RangeChoice = DateRangePreset | 'custom';

interface DashboardsState {
  summaries: DashboardSummary[];
  listError?: string;
  current?: LoadedDashboard;
  openError?: string;
  options?: FilterOptions;
  filters?: Filters;
  range: RangeChoice;
  datasets: Record<string, DatasetState>;
  /** Per widget: the point last clicked (drill uses it). */
  selected: Record<string, string | number | null>;
  updatedAt?: number;
  /** Set while pushed kpis.changed events arrive. */
  live: { lastEventAt?: number; newestEvent?: string | null };
  /** Warehouse profiles the datasets can run on. */
  profiles: Pick<WarehouseProfile, 'id' | 'name'>[];
  /** The profile the open dashboard runs on; null = local DuckDB. */
  target: string | null;
  setTarget(profileId: string | null): Promise<void>;
  loadList(): Promise<void>;
  open(id: string): Promise<void>;
  close(): void;
  setRange(range: RangeChoice, custom?: { dateFrom: string; dateTo: string }): void;
  setFilter(key: 'cardNetwork' | 'merchantSegment' | 'country', value: string | null): void;
  /** Sets one of the dashboard's own parameters (imported Lakeview ones) by bound name. */
  setParameter(name: string, value: string | null): void;
  /** The page shown of a multi-page dashboard (undefined = the first). */
  page?: string;
  setPage(page: string): void;
  crossFilter(widgetId: string, dimension: CrossFilterDimension | undefined, value: string | number | null): void;
  clearFilters(): void;
  refresh(options?: { quiet?: boolean }): Promise<void>;
  onLiveEvent(payload: { newestEvent?: string | null }): void;
  drillPage(
    request: { id: string; widgetId: string; filters: Filters; value?: string | number | null; profileId?: string },
    offset: number,
    limit: number,
  ): Promise<DrillResult>;
  exportLakeview(id: string): Promise<MethodOutput<'dashboards.exportLakeview'>>;
  /** Refused with CONFLICT when the id exists and no choice is given; the Gallery then asks. */
  importLakeview(fileName: string, content: string, onExisting?: 'replace' | 'copy'): Promise<MethodOutput<'dashboards.importLakeview'>>;
  packageDashboard(id: string, filters: Filters, content: 'rows' | 'aggregates', note: string): Promise<MethodOutput<'bundles.create'>>;
}

/** The filters a bookmarked view asks for, on top of the dashboard's defaults. */
function viewFilters(view: ViewState, fallback: RangeChoice, options: FilterOptions): { range: RangeChoice; filters: Filters } {
  const range = view.range ?? fallback;
  const base = defaultFilters(range === 'custom' ? 'all' : range, options);
  const dates = range === 'custom' && view.dateFrom && view.dateTo ? { dateFrom: view.dateFrom, dateTo: view.dateTo } : {};
  return {
    range,
    filters: {
      ...base,
      ...dates,
      cardNetwork: view.cardNetwork ?? null,
      merchantSegment: view.merchantSegment ?? null,
      country: view.country ?? null,
    },
  };
}

/**
 * Filter choices for a target. When the warehouse cannot answer, the local choices are used and
 * each widget shows the warehouse's own error when its dataset runs.
 */
async function targetOptions(id: string, profileId: string | null): Promise<FilterOptions> {
  if (profileId) {
    try {
      return await api.call('dashboards.filterOptions', { id, profileId });
    } catch {
      // Fall through to the local choices.
    }
  }
  return api.call('dashboards.filterOptions', { id });
}

/**
 * One store's refresh bookkeeping (kept per store, not in module variables): the pass whose answers still count,
 * the pass running now, and whether a quiet (live) refresh was asked for while it ran.
 */
interface RefreshBook {
  generation: number;
  inFlight?: Promise<void>;
  pendingQuiet: boolean;
}

/** The dashboard gallery and the open dashboard: filters, per-dataset results, live refresh. */
const dashboardsState = (
  set: StoreApi<DashboardsState>['setState'],
  get: StoreApi<DashboardsState>['getState'],
  book: RefreshBook,
): DashboardsState => ({
  summaries: [],
  range: 'last_30_days',
  datasets: {},
  selected: {},
  live: {},
  profiles: [],
  target: null,

  async loadList() {
    try {
      set({ summaries: await api.call('dashboards.list', {}), listError: undefined });
    } catch (error) {
      set({ listError: (error as Error).message });
    }
  },

  async open(id) {
    book.generation++;
    set({
      current: undefined,
      openError: undefined,
      datasets: {},
      selected: {},
      options: undefined,
      filters: undefined,
      updatedAt: undefined,
      live: {},
      target: null,
      page: undefined,
    });
    try {
      const [current, profiles] = await Promise.all([
        api.call('dashboards.get', { id }),
        api.call('warehouse.listProfiles', {}).then(
          (r) => r.profiles.map((p) => ({ id: p.id, name: p.name })),
          () => [],
        ),
      ]);
      // A remembered profile that has since been deleted falls back to local.
      const remembered = current.source === 'bundle' ? null : rememberedTarget(id);
      const target = profiles.some((p) => p.id === remembered) ? remembered : null;
      const options = await targetOptions(id, target);
      // A bookmarked or shared URL carries the view (filters, cross-filters, range) after the route.
      const view = queryToView(splitHashQuery(window.location.hash).query);
      const { range, filters } = viewFilters(view, openingRange(current.definition.defaultDateRange, current.source === 'bundle'), options);
      set({ current, options, range, filters, profiles: current.source === 'bundle' ? [] : profiles, target });
      if (current.source === 'bundle' && Object.keys(view).length === 0) {
        const info = (await api.call('bundles.list', {})).find((b) => `bundle:${b.bundleId}` === id);
        // The whole snapshot reads as "All data"; a narrower packaged view stays custom.
        const whole = info && info.filters.initial.dateFrom === options.minDate && info.filters.initial.dateTo === options.maxDate;
        if (info) set({ filters: info.filters.initial, range: whole ? 'all' : 'custom' });
      }
      await get().refresh();
    } catch (error) {
      set({ openError: (error as Error).message });
    }
  },

  close() {
    book.generation++;
    set({ current: undefined, datasets: {}, live: {} });
  },

  setRange(range, custom) {
    const { options, filters } = get();
    if (!options || !filters) return;
    const dates = range === 'custom' ? (custom ?? { dateFrom: filters.dateFrom, dateTo: filters.dateTo }) : presetRange(range, options);
    set({ range, filters: { ...filters, ...dates } });
    void get().refresh();
  },

  setFilter(key, value) {
    const { filters } = get();
    if (!filters) return;
    set({ filters: { ...filters, [key]: value } });
    void get().refresh();
  },

  setParameter(name, value) {
    const { filters } = get();
    if (!filters) return;
    set({ filters: { ...filters, parameters: { ...filters.parameters, [name]: value } } });
    void get().refresh();
  },

  setPage(page) {
    set({ page });
  },

  crossFilter(widgetId, dimension, value) {
    const { filters } = get();
    set((s) => ({ selected: { ...s.selected, [widgetId]: value } }));
    if (!filters || !dimension || value === null) return;
    const next = crossFiltered(filters, dimension, value);
    set(next.custom ? { range: 'custom', filters: next.filters } : { filters: next.filters });
    void get().refresh();
  },

  async setTarget(profileId) {
    const { current, range, filters } = get();
    if (!current || current.source === 'bundle') return;
    rememberTarget(current.id, profileId);
    book.generation++;
    set((s) => ({
      target: profileId,
      datasets: markedLoading(
        s.datasets,
        current.definition.datasets.map((d) => d.name),
      ),
    }));
    // Date presets anchor at the newest event of the data the numbers come from.
    const options = await targetOptions(current.id, profileId);
    if (get().target !== profileId || get().current?.id !== current.id) return;
    const dates =
      range === 'custom' && filters
        ? { dateFrom: filters.dateFrom, dateTo: filters.dateTo }
        : presetRange(range === 'custom' ? 'all' : range, options);
    set({ options, filters: { ...(filters ?? defaultFilters('all', options)), ...dates } });
    await get().refresh();
  },

  clearFilters() {
    const { current, options } = get();
    if (!current || !options) return;
    const range: RangeChoice = openingRange(current.definition.defaultDateRange, current.source === 'bundle');
    set({ range, filters: defaultFilters(range, options), selected: {} });
    void get().refresh();
  },

  async refresh({ quiet = false } = {}) {
    if (quiet && book.inFlight) {
      // Live events arrive faster than queries finish: run once more after the current pass.
      book.pendingQuiet = true;
      return book.inFlight;
    }
    const { current, filters, target } = get();
    if (!current || !filters) return;
    const mine = ++book.generation;
    if (!quiet) {
      set((s) => ({
        datasets: markedLoading(
          s.datasets,
          current.definition.datasets.map((d) => d.name),
        ),
      }));
    }
    const pass = Promise.all(
      current.definition.datasets.map(async (d) => {
        try {
          const result = await api.call('dashboards.run', {
            id: current.id,
            dataset: d.name,
            filters,
            ...(target ? { profileId: target } : {}),
          });
          if (mine !== book.generation) return;
          set((s) => ({ datasets: { ...s.datasets, [d.name]: { status: 'ready', result, elapsedMs: result.elapsedMs } } }));
        } catch (error) {
          if (mine !== book.generation) return;
          set((s) => ({ datasets: { ...s.datasets, [d.name]: { status: 'error', error: (error as Error).message } } }));
        }
      }),
    ).then(() => {
      if (mine === book.generation) set({ updatedAt: Date.now() });
    });
    book.inFlight = pass;
    try {
      await pass;
    } finally {
      if (book.inFlight === pass) book.inFlight = undefined;
    }
    if (book.pendingQuiet) {
      book.pendingQuiet = false;
      await get().refresh({ quiet: true });
    }
  },

  onLiveEvent(payload) {
    const { current, range, options, filters, target } = get();
    // Pushed events describe the local pipeline; a dashboard on a warehouse refreshes on demand.
    if (!current || current.source === 'bundle' || target) return;
    set({ live: { lastEventAt: Date.now(), newestEvent: payload.newestEvent ?? get().live.newestEvent } });
    // A preset range follows the newest event; a custom range stays where the user put it.
    const newestDay = payload.newestEvent?.slice(0, 10);
    if (range !== 'custom' && options && filters && newestDay && newestDay > (options.maxDate ?? '')) {
      const next = { ...options, maxDate: newestDay };
      set({ options: next, filters: { ...filters, ...presetRange(range, next) } });
    }
    void get().refresh({ quiet: true });
  },

  drillPage(request, offset, limit) {
    return api.call('dashboards.drill', { ...request, offset, limit });
  },

  exportLakeview(id) {
    return api.call('dashboards.exportLakeview', { id });
  },

  async importLakeview(fileName, content, onExisting) {
    const r = await api.call('dashboards.importLakeview', { fileName, content, onExisting });
    await get().loadList();
    return r;
  },

  packageDashboard(id, filters, content, note) {
    return api.call('bundles.create', { dashboardId: id, filters, content, ...(note.trim() ? { note } : {}) });
  },
});

export const useDashboardsStore = create<DashboardsState>((set, get) => dashboardsState(set, get, { generation: 0, pendingQuiet: false }));

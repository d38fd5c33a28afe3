import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api/client';
import { useRouteStore } from '../../stores/route-store';
import { downloadBundle } from './bundle-files';
import { useDashboardsStore } from './dashboards-store';
import { DrillPanel, type DrillRequest } from './DrillPanel';
import { downloadBlob, exportPdf, exportPng, slug } from './export-files';
import { FilterBar } from './FilterBar';
import { exportContext } from './export-context';
import { ExportHeader } from './ExportHeader';
import { useAppStore } from '../../stores/app-store';
import './print.css';
import { LiveIndicator } from './LiveIndicator';
import { PackageDialog } from './PackageDialog';
import { ParameterBar } from './ParameterBar';
import { TargetBadge, TargetSwitch } from '../../components/TargetSwitch';
import { useLiveRefresh } from './use-live-refresh';
import { splitHashQuery, viewToQuery } from './url-state';
import { openingRange } from '../../stores/preferences';
import { WidgetCard } from './WidgetCard';
import { isEmptyData, previousPeriodGap } from '../../../shared/dashboards/coverage';
import { fillGaps } from '../../../shared/dashboards/fill-gaps';

function formatBytes(bytes: number): string {
  return bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Paper is white: a print or PDF is drawn in the light colours whatever the app's theme (print.css), as BI tools print. */
const PRINTS_LIGHT = 'It prints in light colours on white, whatever the theme.';

/** One dashboard: global filters, the widget grid, live refresh, drill, exports, packaging and presentation mode. */
export function DashboardView({ id, present }: { id: string; present: boolean }) {
  const s = useDashboardsStore(
    useShallow((x) => ({
      clearFilters: x.clearFilters,
      crossFilter: x.crossFilter,
      current: x.current,
      datasets: x.datasets,
      exportLakeview: x.exportLakeview,
      filters: x.filters,
      live: x.live,
      openError: x.openError,
      packageDashboard: x.packageDashboard,
      page: x.page,
      profiles: x.profiles,
      range: x.range,
      refresh: x.refresh,
      selected: x.selected,
      setFilter: x.setFilter,
      setPage: x.setPage,
      setParameter: x.setParameter,
      setRange: x.setRange,
      setTarget: x.setTarget,
      target: x.target,
      options: x.options,
      updatedAt: x.updatedAt,
    })),
  );
  const navigate = useRouteStore((r) => r.navigate);
  const exportRef = useRef<HTMLDivElement>(null);
  const info = useAppStore((a) => a.info);
  const [drill, setDrill] = useState<DrillRequest>();
  const [notice, setNotice] = useState<{ text: string; path?: string; fileName?: string; error?: boolean }>();
  const [busy, setBusy] = useState<string>();
  const [packaging, setPackaging] = useState(false);

  useEffect(() => {
    const store = useDashboardsStore.getState();
    void store.open(id);
    return () => store.close();
  }, [id]);
  // The view lives in the URL (replaced, not pushed), so it can be bookmarked, shared and restored.
  const viewQuery =
    s.current && s.filters
      ? viewToQuery(s.range, s.filters, openingRange(s.current.definition.defaultDateRange, s.current.source === 'bundle'))
      : undefined;
  useEffect(() => {
    if (viewQuery === undefined || s.current?.id !== id) return;
    const { path, query } = splitHashQuery(window.location.hash);
    if (query !== viewQuery) window.history.replaceState(null, '', `${path}${viewQuery ? `?${viewQuery}` : ''}`);
  }, [viewQuery, id, s.current?.id, present]);
  useLiveRefresh(!!s.current && s.current.source !== 'bundle' && !s.target);

  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.fullscreenElement && !s.current?.readOnly) navigate('dashboards', id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present, id, navigate, s.current?.readOnly]);

  if (s.openError) {
    return (
      <div className="error-box" role="alert" data-testid="dashboard-error">
        {s.openError}{' '}
        <button className="link-button" onClick={() => navigate('dashboards')}>
          Back to the gallery
        </button>
      </div>
    );
  }
  const { current, filters, options } = s;
  if (!current || !filters || !options)
    return (
      <div className="muted" data-testid="dashboard-loading">
        Loading dashboard…
      </div>
    );
  const def = current.definition;
  const readOnly = current.readOnly;
  // Multi-page dashboards show one page at a time; a widget without a page sits on the first.
  const page = def.pages ? (def.pages.some((p) => p.name === s.page) ? s.page : def.pages[0]!.name) : undefined;
  const shown = page ? def.widgets.filter((w) => (w.page ?? def.pages![0]!.name) === page) : def.widgets;
  const local = current.source !== 'bundle' && !s.target;
  const emptyDatabase = local && isEmptyData(options);
  const previousGap = previousPeriodGap(filters, options);
  const layouts = fillGaps(
    shown.map((w) => w.layout),
    shown.map((w) => w.type === 'counter'),
  );
  const snapshot = current.source === 'bundle' ? current.snapshot : undefined;
  const targetName = s.target ? (s.profiles.find((p) => p.id === s.target)?.name ?? s.target) : null;

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setNotice(undefined);
    try {
      await work();
    } catch (error) {
      setNotice({ text: `${label} failed: ${(error as Error).message}`, error: true });
    } finally {
      setBusy(undefined);
    }
  };
  const context = () =>
    exportContext({
      title: def.title,
      filters,
      newestEvent: s.live.newestEvent ?? options.newestEvent,
      maxDate: options.maxDate,
      snapshot,
      warehouse: targetName,
      databasePath: info?.databasePath,
    });
  const enterPresentation = () => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
    navigate('dashboards', id, 'present');
  };
  const exitPresentation = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    navigate('dashboards', id);
  };

  return (
    <div className={`page dashboard-page${present ? ' presentation' : ''}`} data-testid="dashboard-page" data-dashboard-id={def.id}>
      <div className="dashboard-title-row">
        <div>
          <h2 data-testid="dashboard-title">{def.title}</h2>
          {!present && <div className="muted">{def.description}</div>}
          {current.source !== 'bundle' && <TargetBadge profileName={targetName} testId="dashboard-target-badge" />}
        </div>
        <LiveIndicator updatedAt={s.updatedAt} live={s.live} maxDate={options.maxDate} snapshot={snapshot} />
      </div>
      {snapshot?.note && (
        <blockquote className="bundle-note" data-testid="bundle-note">
          {snapshot.note}
        </blockquote>
      )}
      <FilterBar
        filters={filters}
        options={options}
        range={s.range}
        onRange={s.setRange}
        onFilter={s.setFilter}
        onClear={s.clearFilters}
        snapshot={snapshot && { ...snapshot, fixed: snapshot.content === 'aggregates' }}
      />
      {def.parameters?.length ? <ParameterBar parameters={def.parameters} filters={filters} onChange={s.setParameter} /> : null}
      <div className="toolbar dashboard-toolbar">
        {!present && <button onClick={() => navigate('dashboards')}>← All dashboards</button>}
        <button onClick={() => void s.refresh()} data-testid="dashboard-refresh">
          Refresh
        </button>
        {!present && (
          <TargetSwitch
            profiles={s.profiles}
            target={s.target}
            onChange={(profileId) => void s.setTarget(profileId)}
            testId="dashboard-target"
            title="Where this dashboard's datasets run"
          />
        )}
        <button
          disabled={!!busy}
          onClick={() => void run('PNG export', () => exportPng(exportRef.current!, `${slug(def.title)}.png`, context()))}
          data-testid="export-png"
        >
          PNG
        </button>
        {api.transportKind === 'ipc' ? (
          <button
            disabled={!!busy}
            onClick={() =>
              void run('PDF export', async () => {
                const saved = await api.call('app.printToPdf', { fileName: `${slug(def.title)}.pdf` });
                if (saved.path) setNotice({ text: `Saved the PDF to ${saved.path}.` });
              })
            }
            title={`Saves the print view as a PDF with selectable text, where you choose. ${PRINTS_LIGHT}`}
            data-testid="export-pdf"
          >
            Save as PDF…
          </button>
        ) : (
          <button
            disabled={!!busy}
            onClick={exportPdf}
            title={`Opens the print dialog with the print view: choose “Save as PDF” there for a PDF with selectable text. ${PRINTS_LIGHT}`}
            data-testid="export-pdf"
          >
            Print / Save as PDF…
          </button>
        )}
        {!readOnly && !present && (
          <>
            <button
              onClick={() =>
                void run('Lakeview export', async () => {
                  const r = await s.exportLakeview(id);
                  downloadBlob(new Blob([r.content], { type: 'application/json' }), r.fileName);
                })
              }
              data-testid="export-lakeview"
            >
              Lakeview
            </button>
            <button disabled={!!busy} onClick={() => setPackaging(true)} data-testid="package-dashboard">
              Package…
            </button>
          </>
        )}
        {present ? (
          !readOnly && <button onClick={exitPresentation}>Exit presentation</button>
        ) : (
          <button onClick={enterPresentation} data-testid="present">
            Present
          </button>
        )}
        {busy && <span className="muted">{busy}…</span>}
      </div>
      {notice && (
        <div className={notice.error ? 'error-box' : 'notice-box'} role="status" data-testid="dashboard-notice">
          {notice.text}
          {notice.path && (
            <button
              className="link-button"
              onClick={() => void run('Download', () => downloadBundle(notice.path!, notice.fileName!))}
              data-testid="download-bundle"
            >
              Download
            </button>
          )}
        </div>
      )}
      {def.pages && (
        <div className="page-tabs" role="tablist" data-testid="dashboard-pages">
          {def.pages.map((p) => (
            <button
              key={p.name}
              role="tab"
              aria-selected={p.name === page}
              className={p.name === page ? 'active' : ''}
              onClick={() => s.setPage(p.name)}
            >
              {p.title}
            </button>
          ))}
        </div>
      )}
      {emptyDatabase && (
        <div className="notice-box" role="status" data-testid="dashboard-empty-database">
          The database is empty, so every widget is too.{' '}
          <button className="link-button" onClick={() => navigate('dashboards')}>
            Load sample data or import a file
          </button>
        </div>
      )}
      <div className="dashboard-export" ref={exportRef}>
        <ExportHeader context={context()} />
        <div className="dashboard-grid" data-testid="dashboard-grid">
          {shown.map((w, i) => {
            const dataset = w.type === 'unsupported' ? undefined : def.datasets.find((d) => d.name === w.dataset);
            return (
              <WidgetCard
                key={w.id}
                widget={w}
                dataset={dataset}
                state={dataset ? s.datasets[dataset.name] : undefined}
                filters={filters}
                readOnly={readOnly}
                selected={s.selected[w.id]}
                emptyDatabase={emptyDatabase}
                previousGap={previousGap}
                layout={layouts[i]}
                newestEvent={s.live.newestEvent ?? options.newestEvent}
                warehouse={
                  s.target ? { profileId: s.target, twinSql: dataset ? current.databricksSql?.[dataset.name] : undefined } : undefined
                }
                onPick={(value) => {
                  if (w.type !== 'unsupported' && w.crossFilter) s.crossFilter(w.id, w.crossFilter, value);
                  else if (w.type !== 'unsupported' && w.drill)
                    setDrill({ id, widgetId: w.id, title: w.title, filters, value, profileId: s.target ?? undefined, targetName });
                }}
                onDrill={(value) =>
                  setDrill({ id, widgetId: w.id, title: w.title, filters, value, profileId: s.target ?? undefined, targetName })
                }
              />
            );
          })}
        </div>
      </div>
      {packaging && (
        <PackageDialog
          filters={filters}
          bounds={{ min: options.minDate ?? undefined, max: options.maxDate ?? undefined }}
          onCancel={() => setPackaging(false)}
          onPackage={(choice) => {
            setPackaging(false);
            void run('Packaging', async () => {
              const r = await s.packageDashboard(id, choice.filters, choice.content, choice.note);
              const what = choice.content === 'aggregates' ? 'aggregates only' : 'with row-level data';
              setNotice({
                text: `Packaged “${r.title}” (${choice.filters.dateFrom} to ${choice.filters.dateTo}, ${what}, ${formatBytes(r.bytes)}) to ${r.path}`,
                path: r.path,
                fileName: r.fileName,
              });
            });
          }}
        />
      )}
      {drill && <DrillPanel request={drill} readOnly={readOnly} onClose={() => setDrill(undefined)} />}
    </div>
  );
}

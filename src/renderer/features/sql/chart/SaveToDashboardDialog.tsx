import { useEffect, useState } from 'react';
import type { DashboardSummary } from '../../../../shared/api';
import { api } from '../../../api/client';
import { useRouteStore } from '../../../stores/route-store';
import type { ChartSpec } from './chart-defaults';
import { DASHBOARD_WIDGET_TYPES, defaultWidgetTitle, widgetFromChart, widgetTypeFor, type DashboardWidgetType } from './chart-widget';
import { ModalForm } from '../../../components/ModalForm';

const NEW = '__new__';

/** Saves the chart on screen (its statement as a dataset) as a widget of a new or an existing user dashboard. */
export function SaveToDashboardDialog({ spec, sql, onClose }: { spec: ChartSpec; sql: string; onClose(): void }) {
  const navigate = useRouteStore((r) => r.navigate);
  const [dashboards, setDashboards] = useState<DashboardSummary[]>([]);
  const [destination, setDestination] = useState(NEW);
  const [newTitle, setNewTitle] = useState('My charts');
  const [title, setTitle] = useState(() => defaultWidgetTitle(spec));
  const [type, setType] = useState<DashboardWidgetType>(() => widgetTypeFor(spec));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<{ id: string; title: string }>();

  useEffect(() => {
    void api
      .call('dashboards.list', {})
      .then((all) => setDashboards(all.filter((d) => d.source === 'imported')))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.call('dashboards.addWidget', {
        ...(destination === NEW ? { newDashboardTitle: newTitle.trim() } : { dashboardId: destination }),
        title: title.trim(),
        sql,
        widget: widgetFromChart(spec, type),
      });
      setSaved({ id: out.id, title: out.title });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const ready = title.trim() && (destination !== NEW || newTitle.trim()) && !busy;
  return (
    <ModalForm
      label="Save chart to a dashboard"
      testId="save-to-dashboard-dialog"
      onSubmit={() => {
        if (ready && !saved) void save();
      }}
      onCancel={onClose}
    >
      <h2>Save chart to a dashboard</h2>
      {saved ? (
        <p data-testid="save-to-dashboard-done">
          Added to <strong>{saved.title}</strong>.
        </p>
      ) : (
        <>
          <label className="field">
            <span>Dashboard</span>
            <select value={destination} onChange={(e) => setDestination(e.target.value)} data-testid="save-to-dashboard-target">
              <option value={NEW}>New dashboard…</option>
              {dashboards.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          {destination === NEW && (
            <label className="field">
              <span>New dashboard name</span>
              <input autoFocus value={newTitle} onChange={(e) => setNewTitle(e.target.value)} data-testid="save-to-dashboard-new-name" />
            </label>
          )}
          <label className="field">
            <span>Widget title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="save-to-dashboard-title" />
          </label>
          <label className="field">
            <span>Widget type</span>
            <select value={type} onChange={(e) => setType(e.target.value as DashboardWidgetType)} data-testid="save-to-dashboard-type">
              {DASHBOARD_WIDGET_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <p className="muted">The statement becomes the widget&apos;s dataset; it runs on the local database when the dashboard opens.</p>
        </>
      )}
      {error && (
        <p className="status-error" data-testid="save-to-dashboard-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          {saved ? 'Close' : 'Cancel'}
        </button>
        {saved ? (
          <button type="button" className="primary" onClick={() => navigate('dashboards', saved.id)} data-testid="save-to-dashboard-open">
            Open dashboard
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!ready} data-testid="save-to-dashboard-confirm">
            {busy ? 'Saving…' : 'Save'}
          </button>
        )}
      </div>
    </ModalForm>
  );
}

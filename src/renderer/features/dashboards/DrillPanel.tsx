import { useEffect, useState } from 'react';
import { warehouseSqlTargetId, type DrillResult } from '../../../shared/api';
import type { Filters } from '../../../shared/dashboards/filters';
import { ResultTable } from '../../components/ResultTable';
import { readableDrill } from './drill-format';
import { TargetBadge } from '../../components/TargetSwitch';
import { useDashboardsStore } from './dashboards-store';
import { useSqlHandoffStore } from '../../stores/sql-handoff-store';

const openInSqlEditor = (sql: string, target?: string) => useSqlHandoffStore.getState().openInSqlEditor(sql, target);

const PAGE = 100;

export interface DrillRequest {
  id: string;
  widgetId: string;
  title: string;
  filters: Filters;
  value?: string | number | null;
  /** The warehouse profile the dashboard runs on: the rows come from there too. */
  profileId?: string;
  targetName?: string | null;
}

/** The silver rows behind a counter or a chart point, a page at a time, with the condition that chose them. */
export function DrillPanel({ request, readOnly, onClose }: { request: DrillRequest; readOnly: boolean; onClose(): void }) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<DrillResult>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    useDashboardsStore
      .getState()
      .drillPage(
        { id: request.id, widgetId: request.widgetId, filters: request.filters, value: request.value, profileId: request.profileId },
        offset,
        PAGE,
      )
      .then((r) => live && (setPage(r), setError(undefined)))
      .catch((e: unknown) => live && setError((e as Error).message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [request, offset]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const total = page?.total ?? 0;
  return (
    <div className="drill-backdrop" onClick={onClose}>
      <div
        className="drill-panel"
        role="dialog"
        aria-label="Rows behind the widget"
        data-testid="drill-panel"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="drill-header">
          <div>
            <h2>Rows behind “{request.title}”</h2>
            <TargetBadge profileName={request.profileId ? (request.targetName ?? request.profileId) : null} testId="drill-target" />
            {page && (
              <div className="muted" data-testid="drill-description">
                {page.description}
              </div>
            )}
          </div>
          <button onClick={onClose} aria-label="Close">
            Close
          </button>
        </header>
        {error && (
          <div className="error-box" role="alert">
            {error}
          </div>
        )}
        {page && (
          <>
            <div className="drill-pager">
              <span data-testid="drill-total">
                {total === 0
                  ? 'No rows'
                  : `Rows ${(offset + 1).toLocaleString()}–${Math.min(offset + PAGE, total).toLocaleString()} of ${total.toLocaleString()}`}
              </span>
              <button disabled={offset === 0 || loading} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </button>
              <button disabled={offset + PAGE >= total || loading} onClick={() => setOffset(offset + PAGE)} data-testid="drill-next">
                Next
              </button>
              {!readOnly && (
                <button
                  onClick={() => openInSqlEditor(page.sql, request.profileId ? warehouseSqlTargetId(request.profileId) : undefined)}
                  data-testid="drill-open-sql"
                >
                  Open in SQL editor
                </button>
              )}
              {loading && <span className="muted">Loading…</span>}
            </div>
            <ResultTable {...readableDrill(page.columns, page.rows)} />
          </>
        )}
      </div>
    </div>
  );
}

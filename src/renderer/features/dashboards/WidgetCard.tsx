import { useState } from 'react';
import { warehouseSqlTargetId } from '../../../shared/api';
import { datasetSql, type Dataset, type Widget } from '../../../shared/dashboards/definition';
import { filterParams, inlineParams, pickParams, unfilteredBy, type Filters } from '../../../shared/dashboards/filters';
import { CartesianChart, PieChartView } from './charts';
import { CounterView } from './CounterView';
import type { PeriodGap } from '../../../shared/dashboards/coverage';
import type { Cell } from '../../../shared/dashboards/fill-gaps';
import type { DatasetState } from './dashboards-store';
import { downloadCsv, slug } from './export-files';
import { DATABRICKS } from '../../../shared/sql/dialect';
import { useSqlHandoffStore } from '../../stores/sql-handoff-store';

import { TableView } from './TableView';

const openInSqlEditor = (sql: string, target?: string) => useSqlHandoffStore.getState().openInSqlEditor(sql, target);

interface Props {
  widget: Widget;
  dataset?: Dataset;
  state?: DatasetState;
  filters: Filters;
  readOnly: boolean;
  selected?: string | number | null;
  onPick(value: string | number | null): void;
  onDrill(value?: string | number | null): void;
  /** Set when the dashboard runs on a warehouse profile: the SQL shown and opened is what runs there. */
  warehouse?: { profileId: string; twinSql?: string };
  /** The local database holds no payments yet: empty widgets say so instead of blaming the filters. */
  emptyDatabase?: boolean;
  /** Why counters cannot compare with the previous period (null when they can). */
  previousGap?: PeriodGap | null;
  /** Where the widget sits, after dead space below it was filled (defaults to its own layout). */
  layout?: Cell;
  /** The newest event's timestamp (today's day is drawn as partial). */
  newestEvent?: string | null;
}

/** One widget: its frame, its SQL on demand, and a loading, error, empty or data body. A failure stays inside the card. */
export function WidgetCard({
  widget,
  dataset,
  state,
  filters,
  readOnly,
  selected,
  onPick,
  onDrill,
  warehouse,
  emptyDatabase,
  previousGap,
  newestEvent,
  layout = widget.layout,
}: Props) {
  const [showSql, setShowSql] = useState(false);
  const style = {
    gridColumn: `${layout.x + 1} / span ${layout.w}`,
    gridRow: `${layout.y + 1} / span ${layout.h}`,
  };
  const sql = warehouse?.twinSql ?? (dataset ? datasetSql(dataset) : '');
  const inlined = () => inlineParams(sql, pickParams(sql, filterParams(filters)));
  const openSql = () =>
    warehouse ? openInSqlEditor(DATABRICKS.translate(inlined()), warehouseSqlTargetId(warehouse.profileId)) : openInSqlEditor(inlined());
  const ignored = dataset ? unfilteredBy(sql) : [];
  const canDrill = widget.type !== 'unsupported' && !!widget.drill;
  const hasRows = state?.result && state.result.rows.length > 0;

  let body;
  if (widget.type === 'unsupported' && widget.text !== undefined) {
    body = (
      <div className="widget-text" data-testid="widget-text">
        {widget.text}
      </div>
    );
  } else if (widget.type === 'unsupported') {
    body = (
      <div className="widget-placeholder" data-testid="widget-unsupported">
        <strong>Unsupported widget: {widget.originalType}</strong>
        <span className="muted">{widget.reason}</span>
      </div>
    );
  } else if (!state || (state.status === 'loading' && !state.result)) {
    body = <div className="widget-loading" data-testid="widget-loading" aria-busy="true" />;
  } else if (state.status === 'error') {
    body = (
      <div className="widget-error" role="alert" data-testid="widget-error">
        <strong>This widget could not load.</strong> {state.error}
      </div>
    );
  } else if (!hasRows || (widget.type === 'counter' && state.result!.rows[0]!.every((v) => v === null || v === 0))) {
    body = (
      <div className="widget-empty" data-testid="widget-empty">
        {emptyDatabase ? 'The database is empty: load sample data or import a file from the welcome page.' : 'No data for these filters.'}
      </div>
    );
  } else if (widget.type === 'counter') {
    body = <CounterView widget={widget} result={state.result!} previousGap={previousGap} />;
  } else if (widget.type === 'pie') {
    body = <PieChartView widget={widget} result={state.result!} onPick={onPick} selected={selected} />;
  } else if (widget.type === 'table') {
    body = <TableView widget={widget} result={state.result!} onPick={onPick} selected={selected} />;
  } else {
    body = <CartesianChart widget={widget} result={state.result!} onPick={onPick} selected={selected} newestEvent={newestEvent} />;
  }

  return (
    <section
      className={`widget widget-${widget.type}${state?.status === 'loading' && state.result ? ' refreshing' : ''}`}
      style={style}
      data-testid="widget"
      data-widget-id={widget.id}
      data-state={widget.type === 'unsupported' ? 'unsupported' : (state?.status ?? 'loading')}
    >
      <header className="widget-header">
        <h3 title={widget.type !== 'unsupported' ? widget.description : undefined}>{widget.title}</h3>
        <div className="widget-actions">
          {canDrill && (
            <button
              className="icon"
              title="Show the silver rows behind this widget"
              onClick={() => onDrill(selected ?? undefined)}
              data-testid="widget-drill"
            >
              Rows
            </button>
          )}
          {dataset && (
            <button className="icon" title="Show this widget's SQL" onClick={() => setShowSql((v) => !v)} data-testid="widget-sql">
              SQL
            </button>
          )}
          {hasRows && (
            <button
              className="icon"
              title="Download this widget's data as CSV"
              onClick={() => downloadCsv(state!.result!, `${slug(widget.title)}.csv`)}
              data-testid="widget-csv"
            >
              CSV
            </button>
          )}
        </div>
      </header>
      {showSql && dataset && (
        <div className="widget-sql">
          {warehouse && (
            <div className="muted" data-testid="widget-sql-dialect">
              {warehouse.twinSql
                ? 'Databricks SQL twin (this dataset uses DuckDB-only functions locally)'
                : 'Runs on the warehouse as written'}
            </div>
          )}
          <pre data-testid="widget-sql-text">{sql}</pre>
          {!readOnly && (
            <button onClick={openSql} data-testid="widget-open-sql">
              Open in SQL editor
            </button>
          )}
        </div>
      )}
      <div className="widget-body">{body}</div>
      {dataset?.notes?.map((n) => (
        <footer key={n} className="widget-note muted" data-testid="widget-dataset-note">
          {n}
        </footer>
      ))}
      {ignored.length > 0 && widget.type !== 'unsupported' && (
        <footer className="widget-note muted">Not affected by: {ignored.join(', ')}</footer>
      )}
    </section>
  );
}

import { useShallow } from 'zustand/react/shallow';
import { LayerCards } from './LayerCards';
import { QualityReport } from './QualityReport';
import { formatCount } from './pipeline-model';
import { usePipelineStore } from './pipeline-store';
import { backfillPanelView, livePanelView } from './pipeline-view';

/** Start, pause, rate and stop of the live stream, with its rate and freshness (redraws on its own progress only). */
export function LivePanel() {
  const v = usePipelineStore(useShallow(livePanelView));
  const { setForm, startLive, setRate, pauseLive, resumeLive, stopLive } = usePipelineStore(
    useShallow((s) => ({
      setForm: s.setForm,
      startLive: s.startLive,
      setRate: s.setRate,
      pauseLive: s.pauseLive,
      resumeLive: s.resumeLive,
      stopLive: s.stopLive,
    })),
  );
  const { liveState } = v;
  return (
    <section className="pipeline-panel" data-testid="live-panel">
      <h2>Live stream</h2>
      <div className="toolbar">
        <label>
          Rate (events/s){' '}
          <input
            type="number"
            min={1}
            max={200000}
            value={v.rate}
            data-testid="live-rate"
            onChange={(e) => setForm({ rate: Number(e.target.value) })}
          />
        </label>
        {liveState === 'stopped' ? (
          <button
            className="primary"
            data-testid="live-start"
            onClick={() => void startLive()}
            disabled={v.backfillRunning || v.pending !== undefined}
          >
            {v.pending === 'live' ? 'Starting…' : 'Start'}
          </button>
        ) : (
          <>
            <button data-testid="live-set-rate" onClick={() => void setRate()}>
              Set rate
            </button>
            {liveState === 'running' ? (
              <button data-testid="live-pause" onClick={() => void pauseLive()}>
                Pause
              </button>
            ) : (
              <button data-testid="live-resume" onClick={() => void resumeLive()}>
                Resume
              </button>
            )}
            <button data-testid="live-stop" onClick={() => void stopLive()}>
              Stop
            </button>
          </>
        )}
      </div>
      <dl className="pipeline-stats">
        <dt>State</dt>
        <dd data-testid="live-state">{liveState}</dd>
        <dt>Events/s</dt>
        <dd data-testid="live-eps">{liveState === 'running' ? formatCount(v.eventsPerSecond) : `0 (${liveState})`}</dd>
        <dt>Freshness</dt>
        <dd data-testid="live-freshness">{v.freshnessMs === undefined ? '—' : `${formatCount(v.freshnessMs)} ms`}</dd>
        <dt>Streamed</dt>
        <dd>{formatCount(v.streamed)} events</dd>
      </dl>
    </section>
  );
}

/** The backfill form and its progress bar (a live stream's progress events do not redraw it). */
export function BackfillPanel() {
  const v = usePipelineStore(useShallow(backfillPanelView));
  const { setForm, startBackfill, cancelBackfill } = usePipelineStore(
    useShallow((s) => ({ setForm: s.setForm, startBackfill: s.startBackfill, cancelBackfill: s.cancelBackfill })),
  );
  const pct = v.total > 0 ? Math.min(100, (100 * v.done) / v.total) : 0;
  return (
    <section className="pipeline-panel" data-testid="backfill-panel">
      <h2>Backfill</h2>
      <div className="toolbar wrap">
        <label>
          Events{' '}
          <input
            type="number"
            min={1}
            value={v.events}
            data-testid="backfill-events"
            onChange={(e) => setForm({ events: Number(e.target.value) })}
          />
        </label>
        <label>
          Days{' '}
          <input
            type="number"
            min={1}
            value={v.days}
            data-testid="backfill-days"
            onChange={(e) => setForm({ days: Number(e.target.value) })}
          />
        </label>
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            value={v.seed}
            data-testid="backfill-seed"
            onChange={(e) => setForm({ seed: Number(e.target.value) })}
          />
        </label>
        {v.running ? (
          <button data-testid="backfill-cancel" onClick={() => void cancelBackfill()}>
            Cancel
          </button>
        ) : (
          <button
            className="primary"
            data-testid="backfill-start"
            onClick={() => void startBackfill()}
            disabled={!v.liveStopped || v.pending !== undefined}
          >
            {v.pending === 'backfill' ? 'Starting…' : 'Start backfill'}
          </button>
        )}
      </div>
      {v.shown && (
        <div className="backfill-progress">
          {/* A batch commits all at once (up to ~1M events): until the first one lands the bar is indeterminate, so it still moves. */}
          <progress max={100} value={v.running && pct === 0 ? undefined : pct} data-testid="backfill-progress" />
          <span data-testid="backfill-status">
            {v.state}: {formatCount(v.done)} / {formatCount(v.total)} events
            {v.eventsPerSecond > 0 && ` · ${formatCount(v.eventsPerSecond)} events/s`}
          </span>
          {v.message && <span className="muted">{v.message}</span>}
        </div>
      )}
    </section>
  );
}

/** Silver's totals: redraws when a batch pushes new ones (`kpis.changed`), not on every progress event. */
export function KpiPanel() {
  const kpis = usePipelineStore((s) => s.kpis);
  return (
    <section className="pipeline-panel" data-testid="kpi-panel">
      <h2>Silver at a glance</h2>
      {!kpis && <p className="muted">Counting silver…</p>}
      {kpis?.totalTransactions === 0 && (
        <p className="muted" data-testid="kpi-empty">
          No payments in silver yet: start a backfill (or the live stream) and its totals appear here after the first batch.
        </p>
      )}
      {!!kpis?.totalTransactions && (
        <dl className="pipeline-stats">
          <dt>Transactions</dt>
          <dd data-testid="kpi-total">{formatCount(kpis.totalTransactions)}</dd>
          <dt>Approval rate</dt>
          <dd data-testid="kpi-approval">
            {kpis.approvalRatePct === undefined || kpis.approvalRatePct === null ? '—' : `${kpis.approvalRatePct.toFixed(2)}%`}
          </dd>
          <dt>Newest event</dt>
          <dd>{kpis.newestEventAt ?? '—'}</dd>
        </dl>
      )}
    </section>
  );
}

/** Rows per layer (they change with every batch) and the gold views' counts. */
export function LayersPanel() {
  const { layers, gold, goldLoading, loadGold } = usePipelineStore(
    useShallow((s) => ({ layers: s.status?.layers, gold: s.gold, goldLoading: s.goldLoading, loadGold: s.loadGold })),
  );
  return <LayerCards layers={layers} gold={gold} goldLoading={goldLoading} onRefreshGold={() => void loadGold()} />;
}

/** The data-quality report: redraws when the report is read again (at most every 2 s during a run). */
export function QualityPanel() {
  const rows = usePipelineStore((s) => s.expectations);
  return <QualityReport rows={rows} />;
}

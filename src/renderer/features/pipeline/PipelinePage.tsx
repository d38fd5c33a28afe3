import { useEffect } from 'react';
import './pipeline.css';
import { DeployDatabricks } from './DeployDatabricks';
import { LayerCards } from './LayerCards';
import { QualityReport } from './QualityReport';
import { ReplayFile } from './ReplayFile';
import { formatCount } from './pipeline-model';
import { usePipelineStore } from './pipeline-store';

/** Replay and stream simulated payments through bronze → silver → gold, with the data-quality report. */
export function PipelinePage() {
  const store = usePipelineStore();
  const { status, progress, kpis, form, error, pending } = store;
  useEffect(() => {
    const off = usePipelineStore.getState().subscribe();
    void usePipelineStore.getState().load();
    void usePipelineStore.getState().loadGold();
    return off;
  }, []);

  const live = progress?.mode === 'live' ? progress : undefined;
  const liveState = live?.state ?? status?.live?.state ?? 'stopped';
  const backfill = status?.backfill;
  const backfillProgress = progress?.mode === 'backfill' ? progress : undefined;
  const backfillRunning = (backfillProgress?.state ?? backfill?.state) === 'running';
  const done = backfillProgress?.eventsDone ?? backfill?.eventsDone ?? 0;
  const total = backfillProgress?.eventsTotal ?? backfill?.eventsTotal ?? 0;
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;

  return (
    <div className="page pipeline-page">
      {error && (
        <div className="error-box" role="alert" data-testid="pipeline-error">
          {error}
        </div>
      )}
      <LayerCards layers={status?.layers} gold={store.gold} goldLoading={store.goldLoading} onRefreshGold={() => void store.loadGold()} />

      <div className="pipeline-panels">
        <section className="pipeline-panel" data-testid="live-panel">
          <h2>Live stream</h2>
          <div className="toolbar">
            <label>
              Rate (events/s){' '}
              <input
                type="number"
                min={1}
                max={200000}
                value={form.rate}
                data-testid="live-rate"
                onChange={(e) => store.setForm({ rate: Number(e.target.value) })}
              />
            </label>
            {liveState === 'stopped' ? (
              <button
                className="primary"
                data-testid="live-start"
                onClick={() => void store.startLive()}
                disabled={backfillRunning || pending !== undefined}
              >
                {pending === 'live' ? 'Starting…' : 'Start'}
              </button>
            ) : (
              <>
                <button data-testid="live-set-rate" onClick={() => void store.setRate()}>
                  Set rate
                </button>
                {liveState === 'running' ? (
                  <button data-testid="live-pause" onClick={() => void store.pauseLive()}>
                    Pause
                  </button>
                ) : (
                  <button data-testid="live-resume" onClick={() => void store.resumeLive()}>
                    Resume
                  </button>
                )}
                <button data-testid="live-stop" onClick={() => void store.stopLive()}>
                  Stop
                </button>
              </>
            )}
          </div>
          <dl className="pipeline-stats">
            <dt>State</dt>
            <dd data-testid="live-state">{liveState}</dd>
            <dt>Events/s</dt>
            <dd data-testid="live-eps">{liveState === 'running' ? formatCount(live?.eventsPerSecond ?? 0) : `0 (${liveState})`}</dd>
            <dt>Freshness</dt>
            <dd data-testid="live-freshness">
              {live?.freshnessMs === undefined || live.freshnessMs === null ? '—' : `${formatCount(live.freshnessMs)} ms`}
            </dd>
            <dt>Streamed</dt>
            <dd>{formatCount(live?.eventsDone ?? status?.live?.events ?? 0)} events</dd>
          </dl>
        </section>

        <section className="pipeline-panel" data-testid="backfill-panel">
          <h2>Backfill</h2>
          <div className="toolbar wrap">
            <label>
              Events{' '}
              <input
                type="number"
                min={1}
                value={form.events}
                data-testid="backfill-events"
                onChange={(e) => store.setForm({ events: Number(e.target.value) })}
              />
            </label>
            <label>
              Days{' '}
              <input
                type="number"
                min={1}
                value={form.days}
                data-testid="backfill-days"
                onChange={(e) => store.setForm({ days: Number(e.target.value) })}
              />
            </label>
            <label>
              Seed{' '}
              <input
                type="number"
                min={0}
                value={form.seed}
                data-testid="backfill-seed"
                onChange={(e) => store.setForm({ seed: Number(e.target.value) })}
              />
            </label>
            {backfillRunning ? (
              <button data-testid="backfill-cancel" onClick={() => void store.cancelBackfill()}>
                Cancel
              </button>
            ) : (
              <button
                className="primary"
                data-testid="backfill-start"
                onClick={() => void store.startBackfill()}
                disabled={liveState !== 'stopped' || pending !== undefined}
              >
                {pending === 'backfill' ? 'Starting…' : 'Start backfill'}
              </button>
            )}
          </div>
          {backfill && (
            <div className="backfill-progress">
              {/* A batch commits all at once (up to ~1M events): until the first one lands the bar is indeterminate, so it still moves. */}
              <progress max={100} value={backfillRunning && pct === 0 ? undefined : pct} data-testid="backfill-progress" />
              <span data-testid="backfill-status">
                {backfillProgress?.state ?? backfill.state}: {formatCount(done)} / {formatCount(total)} events
                {(backfillProgress?.eventsPerSecond ?? backfill.eventsPerSecond) > 0 &&
                  ` · ${formatCount(backfillProgress?.eventsPerSecond ?? backfill.eventsPerSecond)} events/s`}
              </span>
              {(backfillProgress?.message ?? backfill.message) && (
                <span className="muted">{backfillProgress?.message ?? backfill.message}</span>
              )}
            </div>
          )}
        </section>

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
              <dd data-testid="kpi-total">{kpis ? formatCount(kpis.totalTransactions) : '—'}</dd>
              <dt>Approval rate</dt>
              <dd data-testid="kpi-approval">
                {kpis?.approvalRatePct === undefined || kpis.approvalRatePct === null ? '—' : `${kpis.approvalRatePct.toFixed(2)}%`}
              </dd>
              <dt>Newest event</dt>
              <dd>{kpis?.newestEventAt ?? '—'}</dd>
            </dl>
          )}
        </section>

        <ReplayFile />

        <DeployDatabricks />
      </div>

      <QualityReport rows={store.expectations} />
    </div>
  );
}

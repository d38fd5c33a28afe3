import { formatDateish } from '../../../shared/dashboards/format';
import { useNow } from './use-live-refresh';

const LIVE_WINDOW_MS = 15_000;

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

/** "Live" while pushed updates keep arriving, and how fresh the data on screen is. */
export function LiveIndicator({
  updatedAt,
  live,
  maxDate,
  snapshot,
}: {
  updatedAt?: number;
  live: { lastEventAt?: number; newestEvent?: string | null };
  maxDate: string | null;
  /** An opened bundle: a fixed snapshot, described by its dates, never by how long ago it was read. */
  snapshot?: { dateFrom: string; dateTo: string; created: string };
}) {
  const now = useNow();
  if (snapshot)
    return (
      <div className="live-indicator" data-testid="live-indicator" data-live="false">
        <span className="live-dot" />
        <span data-testid="snapshot-dates">
          Snapshot of {snapshot.dateFrom} to {snapshot.dateTo}
        </span>
        <span className="muted">· packaged {snapshot.created.slice(0, 10)}</span>
      </div>
    );
  const isLive = live.lastEventAt !== undefined && now - live.lastEventAt < LIVE_WINDOW_MS;
  const newest = live.newestEvent ? formatDateish(live.newestEvent) : maxDate;
  return (
    <div className="live-indicator" data-testid="live-indicator" data-live={isLive ? 'true' : 'false'}>
      <span className={`live-dot${isLive ? ' on' : ''}`} />
      <span>{isLive ? 'Live' : 'Not live'}</span>
      <span className="muted">
        {newest ? `data to ${newest}` : 'no data yet'}
        {updatedAt ? ` · updated ${ago(now - updatedAt)}` : ''}
      </span>
    </div>
  );
}

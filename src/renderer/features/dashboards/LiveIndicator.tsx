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
  bundle,
}: {
  updatedAt?: number;
  live: { lastEventAt?: number; newestEvent?: string | null };
  maxDate: string | null;
  bundle: boolean;
}) {
  const now = useNow();
  const isLive = !bundle && live.lastEventAt !== undefined && now - live.lastEventAt < LIVE_WINDOW_MS;
  const newest = live.newestEvent ? formatDateish(live.newestEvent) : maxDate;
  return (
    <div className="live-indicator" data-testid="live-indicator" data-live={isLive ? 'true' : 'false'}>
      <span className={`live-dot${isLive ? ' on' : ''}`} />
      <span>{bundle ? 'Snapshot' : isLive ? 'Live' : 'Not live'}</span>
      <span className="muted">
        {newest ? `data to ${newest}` : 'no data yet'}
        {updatedAt ? ` · updated ${ago(now - updatedAt)}` : ''}
      </span>
    </div>
  );
}

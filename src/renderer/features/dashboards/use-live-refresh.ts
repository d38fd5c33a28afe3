import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useDashboardsStore } from './dashboards-store';

/** Subscribes the open dashboard to pushed `kpis.changed` events (no polling). */
export function useLiveRefresh(active: boolean): void {
  const onLiveEvent = useDashboardsStore((s) => s.onLiveEvent);
  useEffect(() => {
    if (!active) return;
    return api.on('kpis.changed', (payload) => onLiveEvent({ newestEvent: payload.newestEventAt }));
  }, [active, onLiveEvent]);
}

/** Re-renders every second so "updated 5 s ago" stays true; it reads no data. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

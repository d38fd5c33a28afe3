import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { applyStarting, startingLabel, type StartingEvent } from './warehouse-starting';

/** Status-bar notice while a SQL warehouse auto-starts (503 + Retry-After): the statement waits, then runs. */
export function WarehouseStarting() {
  const [waiting, setWaiting] = useState<Record<string, StartingEvent>>({});
  useEffect(() => api.on('warehouse.starting', (e) => setWaiting((w) => applyStarting(w, e))), []);
  const list = Object.values(waiting);
  if (!list.length) return null;
  return (
    <span className="status-warn" role="status" data-testid="warehouse-starting" title={list.map((e) => e.message).join('\n')}>
      {list.map(startingLabel).join(' · ')}
    </span>
  );
}

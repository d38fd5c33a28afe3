import { useEffect, useState } from 'react';
import { formatElapsed } from './result-label';

/** "Running… 3.4 s" ticking while a run is under way, then "Ran in 3.6 s". */
export function RunTimer({ running, startedAt, elapsedMs }: { running: boolean; startedAt?: number; elapsedMs?: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [running, startedAt]);
  if (running && startedAt !== undefined) {
    return (
      <span className="muted running" data-testid="sql-running" role="status">
        Running… <span data-testid="sql-elapsed">{formatElapsed(Math.max(0, now - startedAt))}</span>
      </span>
    );
  }
  if (elapsedMs === undefined) return null;
  return (
    <span className="muted" data-testid="sql-finished">
      Ran in <span data-testid="sql-elapsed">{formatElapsed(elapsedMs)}</span>
    </span>
  );
}

import { useEffect } from 'react';
import { useSqlHandoff } from '../../stores/sql-handoff-store';

/** Puts SQL that another page handed over (e.g. an agent's evidence) into the editor. */
export function useSqlHandoffInto(setSql: (sql: string) => void): void {
  const pending = useSqlHandoff((s) => s.pending);
  useEffect(() => {
    if (pending === null) return;
    const sql = useSqlHandoff.getState().take();
    if (sql !== null) setSql(sql);
  }, [pending, setSql]);
}

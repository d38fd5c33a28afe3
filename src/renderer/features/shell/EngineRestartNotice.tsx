import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/api';
import { api } from '../../api/client';
import { useAppStore } from '../../stores/app-store';

const WHY: Record<EventPayload<'engine.restarted'>['reason'], string> = {
  crashed: 'it stopped',
  'cancel-ignored': 'a cancelled statement ignored cancel',
  'timeout-ignored': 'a statement ran past its time limit and ignored the interrupt',
  unresponsive: 'it stopped answering',
};

/** Says in the status bar that the engine process restarted, and what was running when it did. */
export function EngineRestartNotice() {
  const [restart, setRestart] = useState<EventPayload<'engine.restarted'>>();
  const load = useAppStore((s) => s.load);
  useEffect(
    () =>
      api.on('engine.restarted', (p) => {
        setRestart(p);
        void load();
      }),
    [load],
  );
  if (!restart) return null;
  const at = new Date(restart.at).toLocaleTimeString();
  return (
    <span className="status-error" data-testid="engine-restarted" title={restart.statement ? `Running: ${restart.statement}` : undefined}>
      The engine restarted at {at} ({WHY[restart.reason]}); nothing committed was lost.{' '}
      <button className="link-button" onClick={() => setRestart(undefined)}>
        Dismiss
      </button>
    </span>
  );
}

import type { EventPayload } from '../../shared/api';

/** What the status bar knows of the pipeline's current run. */
export type PipelineRun = Pick<
  EventPayload<'pipeline.progressed'>,
  'mode' | 'state' | 'eventsDone' | 'eventsTotal' | 'eventsPerSecond' | 'freshnessMs'
>;

/** One line for the status bar: what the pipeline is doing now. */
export function describeRun(run: PipelineRun | undefined): string {
  if (!run) return 'Stream: stopped';
  if (run.mode === 'backfill') {
    if (run.state !== 'running') return `Backfill ${run.state}`;
    const pct = run.eventsTotal ? Math.floor((100 * run.eventsDone) / run.eventsTotal) : 0;
    return `Backfill ${pct}% · ${Math.round(run.eventsPerSecond).toLocaleString()} events/s`;
  }
  if (run.state !== 'running') return `Stream: ${run.state}`;
  const fresh = run.freshnessMs === null ? '' : ` · ${(run.freshnessMs / 1000).toFixed(1)} s behind`;
  return `Stream: live · ${Math.round(run.eventsPerSecond).toLocaleString()} events/s${fresh}`;
}

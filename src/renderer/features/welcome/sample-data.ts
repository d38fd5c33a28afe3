import type { EventPayload } from '../../../shared/api';

/** The sample data set: a seeded month of simulated payments, the same on every machine. */
export const SAMPLE_DATA = { events: 300_000, days: 30, seed: 7 } as const;

export type SampleProgress =
  { phase: 'idle' } | { phase: 'running'; fraction: number } | { phase: 'done' } | { phase: 'failed'; message: string };

/** What a backfill progress event means for the sample-data load (pure, so it is tested without React). */
export function sampleProgress(
  p: Pick<EventPayload<'pipeline.progressed'>, 'mode' | 'state' | 'eventsDone' | 'eventsTotal' | 'message'>,
): SampleProgress | null {
  if (p.mode !== 'backfill') return null;
  if (p.state === 'done') return { phase: 'done' };
  if (p.state === 'failed' || p.state === 'cancelled')
    return { phase: 'failed', message: p.message ?? `The sample data load was ${p.state}. Try again, or use the Pipeline page.` };
  const total = p.eventsTotal ?? SAMPLE_DATA.events;
  return { phase: 'running', fraction: total > 0 ? Math.min(1, p.eventsDone / total) : 0 };
}

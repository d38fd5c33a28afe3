import { z } from 'zod';
import { event } from './define';
import { LayerCounts, SilverKpis } from './domains/pipeline';

/** Pushed by the pipeline after each committed batch (throttled), so pages never poll. */
export const pipelineEvents = {
  'pipeline.progressed': event(
    z.object({
      mode: z.enum(['backfill', 'live']),
      state: z.enum(['running', 'paused', 'stopped', 'done', 'failed', 'cancelled']),
      runKey: z.string(),
      eventsDone: z.number(),
      eventsTotal: z.number().nullable(),
      eventsPerSecond: z.number(),
      freshnessMs: z.number().nullable(),
      layers: LayerCounts,
      message: z.string().nullable(),
    }),
    'A batch was committed (or a run changed state): counts per layer, speed and freshness.',
  ),
  'kpis.changed': event(SilverKpis, 'Silver changed: headline totals so dashboards can refresh what they show.'),
} as const;
